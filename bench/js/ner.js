// Tags CoNLL-2003 input with compromise or wink-nlp and writes conlleval
// lines (token gold predicted) on stdout, tokens per second on stderr.
// usage: node ner.js compromise|wink CONLL > out.txt
'use strict';
const fs = require('fs');

const [which, file] = process.argv.slice(2);
if (!which || !file) {
  console.error('usage: node ner.js compromise|wink CONLL');
  process.exit(2);
}

const sents = [];
let cur = [];
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  const f = line.trim().split(/\s+/);
  if (f[0] === '' || f[0] === '-DOCSTART-') {
    if (cur.length) sents.push(cur);
    cur = [];
    continue;
  }
  cur.push([f[0], f[f.length - 1]]);
}
if (cur.length) sents.push(cur);

// spans: [charStart, charEnd, type]
let tag;
if (which === 'compromise') {
  const nlp = require('compromise');
  tag = (text) => {
    const doc = nlp(text);
    const out = [];
    for (const [sel, typ] of [[doc.people(), 'PER'], [doc.places(), 'LOC'], [doc.organizations(), 'ORG']]) {
      for (const m of sel.json({ offset: true })) {
        out.push([m.offset.start, m.offset.start + m.offset.length, typ]);
      }
    }
    return out;
  };
} else if (which === 'wink') {
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  // wink-eng-lite-web-model's entities are DATE, MONEY, CARDINAL, ...;
  // none is a CoNLL type, so only these would count if it had them.
  const map = { PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', NORP: 'MISC' };
  tag = (text) => {
    const doc = nlp.readDoc(text);
    const toks = doc.tokens().out();
    const starts = [];
    let c = 0;
    for (const t of toks) {
      const j = text.indexOf(t, c);
      starts.push(j < 0 ? c : j);
      if (j >= 0) c = j + t.length;
    }
    const out = [];
    doc.entities().each((e) => {
      const typ = map[e.out(its.type)];
      if (!typ) return;
      const [a, b] = e.out(its.span);
      out.push([starts[a], starts[b] + toks[b].length, typ]);
    });
    return out;
  };
} else {
  console.error('unknown tagger ' + which);
  process.exit(2);
}

const lines = [];
let ntok = 0;
const t0 = process.hrtime.bigint();
const preds = sents.map((s) => {
  const starts = [];
  let pos = 0;
  for (const [w] of s) {
    starts.push(pos);
    pos += w.length + 1;
  }
  const text = s.map((t) => t[0]).join(' ');
  const pred = s.map(() => 'O');
  const spans = tag(text).sort((x, y) => x[0] - y[0]);
  for (const [a, b, typ] of spans) {
    let first = true;
    for (let i = 0; i < s.length; i++) {
      const ts = starts[i], te = starts[i] + s[i][0].length;
      if (te <= a || ts >= b || pred[i] !== 'O') continue;
      pred[i] = (first ? 'B-' : 'I-') + typ;
      first = false;
    }
  }
  ntok += s.length;
  return pred;
});
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
sents.forEach((s, k) => {
  s.forEach((t, i) => lines.push(`${t[0]} ${t[1]} ${preds[k][i]}`));
  lines.push('');
});
fs.writeSync(1, lines.join('\n') + '\n');
console.error(`${which}: ${ntok} tokens in ${secs.toFixed(2)}s: ${Math.round(ntok / secs)} tokens/s`);
