// Runs one JavaScript segmenter on standard input and prints its tokens and
// sentences as JSON: node peers.js compromise|wink < text
const fs = require('fs');
const text = fs.readFileSync(0, 'utf8');
const peer = process.argv[2];
let tokens = [], sentences = [];
const t0 = process.hrtime.bigint();
if (peer === 'compromise') {
  const nlp = require('compromise');
  const doc = nlp(text);
  sentences = doc.sentences().out('array');
  for (const s of doc.json()) for (const t of s.terms) {
    if (t.pre && t.pre.trim()) tokens.push(t.pre.trim());
    tokens.push(t.text);
    if (t.post && t.post.trim()) tokens.push(t.post.trim());
  }
} else if (peer === 'wink') {
  const winkNLP = require('wink-nlp');
  const model = require('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const doc = nlp.readDoc(text);
  sentences = doc.sentences().out();
  tokens = doc.tokens().out();
} else {
  console.error('unknown peer ' + peer);
  process.exit(2);
}
const millis = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(JSON.stringify({tokens, sentences, millis}));
