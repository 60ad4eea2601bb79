package main

// Commands over the document store: ingest, query, export, failures (and
// serve, in serve.go).

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep/sitrep/document"
	"github.com/sitrep/sitrep/store"
)

const defaultDB = "sitrep.db"

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func storeFlagSet(e *env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n\nflags:\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; -h returns flag.ErrHelp (exit status 0 after the
// usage), and bad flags errUsage (the flag package printed why).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// filterFlags registers the query filter flags on fs; the returned
// function builds the Filter after parsing.
func filterFlags(fs *flag.FlagSet) func() (store.Filter, error) {
	var f store.Filter
	var codes, plover listFlag
	var near string
	fs.StringVar(&f.Text, "text", "", "full-text query over titles, text and quotes (words ANDed, \"a phrase\", prefix*)")
	fs.StringVar(&f.Source, "source", "", "source actor code prefix (IRN, USAGOV)")
	fs.StringVar(&f.Target, "target", "", "target actor code prefix")
	fs.Var(&codes, "code", "CAMEO event code or root prefix, repeatable or comma-separated (19, 0311)")
	fs.Var(&plover, "plover", "PLOVER event type, repeatable or comma-separated (ASSAULT)")
	fs.StringVar(&f.Country, "country", "", "place country (ISO alpha-2) or actor country (alpha-3)")
	fs.StringVar(&near, "near", "", "LAT,LON,KM: events or places within KM kilometres")
	fs.StringVar(&f.From, "from", "", "first day (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "last day (YYYY-MM-DD)")
	fs.StringVar(&f.Speaker, "speaker", "", "quote speaker name contains")
	fs.Int64Var(&f.Story, "story", 0, "documents of one story")
	fs.BoolVar(&f.Duplicates, "duplicates", false, "include the events of duplicate documents")
	fs.StringVar(&f.Sort, "sort", "", "order of documents found by --text: relevance (default) or newest")
	return func() (store.Filter, error) {
		f.Codes, f.Plover = codes, plover
		if near != "" {
			c, err := parseNear(near)
			if err != nil {
				return f, err
			}
			f.Near = c
		}
		return f, f.Validate()
	}
}

func parseNear(s string) (*store.Circle, error) {
	p := strings.Split(s, ",")
	if len(p) != 3 {
		return nil, fmt.Errorf("--near %q: want LAT,LON,KM", s)
	}
	var v [3]float64
	for i := range p {
		x, err := strconv.ParseFloat(strings.TrimSpace(p[i]), 64)
		if err != nil {
			return nil, fmt.Errorf("--near %q: %w", s, err)
		}
		v[i] = x
	}
	return &store.Circle{Lat: v[0], Lon: v[1], Km: v[2]}, nil
}

func fileIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// ingestStats counts what an ingest run did.
type ingestStats struct {
	Inserted, Updated, Unchanged, Duplicates, Failed int
	// Skipped counts the documents already stored from the same input by
	// the same pipeline, which were not processed again.
	Skipped int
	start   time.Time
}

func (s *ingestStats) done() int { return s.Inserted + s.Updated + s.Unchanged + s.Skipped }

// progress reports ingest progress: a bar with rate and ETA on a terminal,
// slog lines every few seconds otherwise.
type progress struct {
	w      io.Writer
	tty    bool
	log    *slog.Logger
	total  int // estimated number of documents, 0 if unknown
	last   time.Time
	every  time.Duration
	stats  *ingestStats
	active bool
}

func (p *progress) update(force bool) {
	now := time.Now()
	if !force && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	n := p.stats.done() + p.stats.Failed
	el := now.Sub(p.stats.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(n) / el
	}
	if !p.tty {
		p.log.Info("ingest progress", "documents", n, "inserted", p.stats.Inserted, "updated", p.stats.Updated,
			"unchanged", p.stats.Unchanged, "skipped", p.stats.Skipped, "duplicates", p.stats.Duplicates, "failed", p.stats.Failed, "docs_per_s", round1(rate))
		return
	}
	p.active = true
	if p.total > 0 {
		frac := min(1, float64(n)/float64(p.total))
		const width = 30
		fill := int(frac * width)
		eta := "?"
		if rate > 0 && n < p.total {
			eta = (time.Duration(float64(p.total-n)/rate) * time.Second).Round(time.Second).String()
		} else if n >= p.total {
			eta = "0s"
		}
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d %5.1f docs/s ETA %s  ", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), n, p.total, rate, eta)
	} else {
		fmt.Fprintf(p.w, "\r%d documents %5.1f docs/s  ", n, rate)
	}
}

func (p *progress) finish() {
	if p.tty && p.active {
		p.update(true)
		fmt.Fprintln(p.w)
	}
}

func round1(x float64) float64 { return float64(int(x*10+0.5)) / 10 }

// estimateDocuments counts the records of JSON Lines inputs and one per
// other file, for the progress bar; 0 when unknown (standard input,
// directories, URLs).
func estimateDocuments(inputs []string) int {
	n := 0
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil || fi.IsDir() {
			return 0
		}
		if !strings.HasSuffix(in, ".jsonl") && !strings.HasSuffix(in, ".ndjson") {
			n++
			continue
		}
		f, err := os.Open(in)
		if err != nil {
			return 0
		}
		br := bufio.NewReaderSize(f, 1<<16)
		for {
			line, err := br.ReadSlice('\n')
			if len(line) > 1 || (len(line) == 1 && line[0] != '\n') {
				n++
			}
			if err == bufio.ErrBufferFull {
				n-- // the same line continues
				continue
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return n
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "ingest", "sitrep ingest [--db PATH] [--follow FEED_URL]... INPUT...")
	db := fs.String("db", defaultDB, "database file")
	keepTokens := fs.Bool("keep-tokens", false, "store the tokens layer too")
	syncMode := fs.String("synchronous", "NORMAL", "SQLite synchronous mode: NORMAL (safe against a crash of sitrep) or FULL (and against power loss)")
	quiet := fs.Bool("quiet", false, "no progress output")
	batch := fs.Int("batch", 64, "documents committed per transaction (1: each alone)")
	reprocess := fs.Bool("reprocess", false, "run the pipeline on every input, even one already stored from the same input by the same pipeline")
	var follow listFlag
	fs.Var(&follow, "follow", "poll this feed URL for new items (repeatable)")
	interval := fs.Duration("interval", 5*time.Minute, "with --follow: time between polls of a feed")
	polls := fs.Int("polls", 0, "with --follow: stop after this many polls of each feed (0: until interrupted)")
	var pf pipelineFlags
	pf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 && len(follow) == 0 {
		fs.Usage()
		return errUsage
	}
	*batch = max(1, min(*batch, 10000))
	st, err := store.Open(ctx, *db, store.Options{KeepTokens: *keepTokens, Synchronous: strings.ToUpper(*syncMode)})
	if err != nil {
		return err
	}
	defer st.Close()

	stats := &ingestStats{start: time.Now()}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	prog := &progress{w: e.stderr, tty: fileIsTerminal(e.stderr), log: logger, every: 5 * time.Second, stats: stats, last: stats.start}
	if prog.tty {
		prog.every = 200 * time.Millisecond
	}
	if *quiet {
		prog.every = 1<<63 - 1
	}
	var failErr error
	// processInputs reports each failed input on stderr; it is also
	// recorded, with its reason, for "sitrep failures".
	pf.onFailure = func(input string, err error) {
		stats.Failed++
		if ferr := st.RecordFailure(ctx, input, err.Error()); ferr != nil && failErr == nil {
			failErr = ferr
		}
	}
	// Resume: a document stored from the same input by the same pipeline
	// is skipped before the stages run.
	var rs *resume
	if !*reprocess {
		rs = newResume(st, &pf)
		pf.skip = rs.skip
		pf.onSkip = func(string) {
			stats.Skipped++
			prog.update(false)
		}
	}
	storeFailure := func(input string, err error) {
		fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", input, err)
		pf.onFailure(input, err)
	}
	count := func(r store.PutResult) {
		switch r.Status {
		case store.Inserted:
			stats.Inserted++
		case store.Updated:
			stats.Updated++
		case store.Unchanged:
			stats.Unchanged++
		}
		if r.DupOf != "" && r.Status != store.Unchanged {
			stats.Duplicates++
		}
	}
	// Documents are committed in batches (one transaction each) of at most
	// *batch documents or one second, whichever comes first; a batch that
	// fails is retried one document at a time to single out the bad one.
	var pending []*document.Document
	var pendingInputs []string // the input hash of each pending document
	var pendingSince time.Time
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		docs, inputs := pending, pendingInputs
		pending, pendingInputs = nil, nil
		res, err := st.PutInputs(ctx, docs, inputs)
		if err == nil {
			for _, r := range res {
				count(r)
			}
			prog.update(false)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for i, d := range docs {
			res, err := st.PutInputs(ctx, docs[i:i+1], inputs[i:i+1])
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				storeFailure(d.Input, err)
				continue
			}
			count(res[0])
		}
		prog.update(false)
		return failErr
	}
	put := func(d *document.Document) error {
		if failErr != nil {
			return failErr
		}
		if len(pending) == 0 {
			pendingSince = time.Now()
		}
		pending = append(pending, d)
		pendingInputs = append(pendingInputs, rs.take(d))
		if len(pending) >= *batch || time.Since(pendingSince) > time.Second {
			return flush()
		}
		return nil
	}
	if len(inputs) > 0 {
		if prog.tty && !*quiet {
			prog.total = estimateDocuments(inputs)
		}
		_, err = processInputs(ctx, e, &pf, inputs, put)
		if ferr := flush(); err == nil {
			err = ferr
		}
		if !*quiet {
			prog.finish()
		}
	}
	if err == nil && len(follow) > 0 {
		err = followFeeds(ctx, e, st, &pf, follow, *interval, *polls, logger, put, flush)
	}
	el := time.Since(stats.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(stats.done()) / el
	}
	if !*quiet {
		logger.Info("ingest done", "db", *db, "inserted", stats.Inserted, "updated", stats.Updated, "unchanged", stats.Unchanged,
			"skipped", stats.Skipped, "duplicates", stats.Duplicates, "failed", stats.Failed, "seconds", round1(el), "docs_per_s", round1(rate))
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted; %d documents committed: %w", stats.Inserted+stats.Updated, err)
		}
		return err
	}
	return failErr
}

func runQuery(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "query", "sitrep query [--db PATH] [--limit N] [filters] [--events | --aggregate KIND]")
	db := fs.String("db", defaultDB, "database file")
	limit := fs.Int("limit", store.DefaultLimit, fmt.Sprintf("maximum rows (at most %d)", store.MaxLimit))
	offset := fs.Int("offset", 0, "skip this many rows")
	events := fs.Bool("events", false, "list events rather than documents (implied by event filters)")
	agg := fs.String("aggregate", "", "per-day | pairs | speakers | index (Goldstein-weighted, per country pair per day)")
	format := fs.String("format", "", "table | jsonl | csv (default: table on a terminal, else jsonl)")
	filter := filterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "query: unexpected arguments %q (use --text for a text query)\n", fs.Args())
		return errUsage
	}
	f, err := filter()
	if err != nil {
		return err
	}
	f.Limit, f.Offset = *limit, *offset
	if *format == "" {
		*format = "jsonl"
		if e.stdoutIsTerminal {
			*format = "table"
		}
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		return fmt.Errorf("query: unknown format %q (want table, jsonl or csv)", *format)
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()

	var header []string
	var rows [][]string
	var values []any
	switch *agg {
	case "":
		if *events || f.HasEventFilter() {
			evs, err := st.Events(ctx, f)
			if err != nil {
				return err
			}
			header = []string{"day", "code", "plover", "source", "target", "place", "trigger", "doc"}
			for _, ev := range evs {
				values = append(values, ev)
				rows = append(rows, []string{ev.Day, ev.Code, ev.PloverType, actorLabel(ev.SourceActor, ev.SourceName),
					actorLabel(ev.TargetActor, ev.TargetName), ev.PlaceName, ev.Trigger, ev.DocID})
			}
		} else {
			docs, err := st.Documents(ctx, f)
			if err != nil {
				return err
			}
			header = []string{"id", "published", "events", "dup_of", "title"}
			for _, d := range docs {
				values = append(values, d)
				rows = append(rows, []string{d.ID, d.Published, strconv.Itoa(d.Events), d.DupOf, d.Title})
			}
		}
	case "per-day":
		res, err := st.EventsPerDay(ctx, f)
		if err != nil {
			return err
		}
		header = []string{"day", "root", "events"}
		for _, r := range res {
			values = append(values, r)
			rows = append(rows, []string{r.Day, r.Root, strconv.Itoa(r.Events)})
		}
	case "pairs":
		res, err := st.ActorPairs(ctx, f)
		if err != nil {
			return err
		}
		header = []string{"source", "target", "events", "goldstein_sum"}
		for _, r := range res {
			values = append(values, r)
			rows = append(rows, []string{r.Source, r.Target, strconv.Itoa(r.Events), strconv.FormatFloat(r.Goldstein, 'f', -1, 64)})
		}
	case "speakers":
		res, err := st.TopSpeakers(ctx, f)
		if err != nil {
			return err
		}
		header = []string{"speaker", "quotes", "documents"}
		for _, r := range res {
			values = append(values, r)
			rows = append(rows, []string{r.Speaker, strconv.Itoa(r.Quotes), strconv.Itoa(r.Documents)})
		}
	case "index":
		res, err := st.GoldsteinIndex(ctx, f)
		if err != nil {
			return err
		}
		header = []string{"day", "source_country", "target_country", "events", "goldstein_sum", "goldstein_mean"}
		for _, r := range res {
			values = append(values, r)
			rows = append(rows, []string{r.Day, r.SourceCountry, r.TargetCountry, strconv.Itoa(r.Events),
				strconv.FormatFloat(r.Sum, 'f', -1, 64), strconv.FormatFloat(r.Mean, 'f', 3, 64)})
		}
	default:
		return fmt.Errorf("query: unknown aggregate %q (want per-day, pairs, speakers or index)", *agg)
	}
	return writeRows(e.stdout, *format, header, rows, values)
}

func actorLabel(code, name string) string {
	switch {
	case code != "" && name != "":
		return code + " (" + name + ")"
	case code != "":
		return code
	}
	return name
}

func writeRows(w io.Writer, format string, header []string, rows [][]string, values []any) error {
	switch format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, v := range values {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(rows); err != nil {
			return err
		}
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(header, "\t")))
	for _, r := range rows {
		for i := range r {
			r[i] = truncate(strings.Join(strings.Fields(r[i]), " "), 60)
		}
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "export", "sitrep export [--db PATH] --format jsonl|csv|gdelt|geojson|plover [-o FILE] [filters]")
	db := fs.String("db", defaultDB, "database file")
	format := fs.String("format", "jsonl", strings.Join(store.ExportFormats, " | "))
	out := fs.String("o", "-", "output file (- for standard output)")
	filter := filterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "-" {
		return st.Export(ctx, e.stdout, *format, f)
	}
	tmp := *out + ".tmp"
	fh, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := st.Export(ctx, fh, *format, f); err != nil {
		fh.Close()
		os.Remove(tmp)
		return fmt.Errorf("export: %w", err)
	}
	if err := fh.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("export: %w", err)
	}
	return os.Rename(tmp, *out)
}

func runFailures(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "failures", "sitrep failures [--db PATH] [--format table|jsonl|csv]")
	db := fs.String("db", defaultDB, "database file")
	limit := fs.Int("limit", store.MaxLimit, "maximum rows")
	format := fs.String("format", "", "table | jsonl | csv (default: table on a terminal, else jsonl)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format == "" {
		*format = "jsonl"
		if e.stdoutIsTerminal {
			*format = "table"
		}
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	fl, err := st.Failures(ctx, *limit)
	if err != nil {
		return err
	}
	var rows [][]string
	var values []any
	for _, f := range fl {
		rows = append(rows, []string{f.At, f.Input, f.Reason})
		values = append(values, f)
	}
	return writeRows(e.stdout, *format, []string{"at", "input", "reason"}, rows, values)
}

func runEvalDedup(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "eval dedup", "sitrep eval dedup [--rates R,...] [--copies N] [--structural] CORPUS.jsonl")
	var rates listFlag
	fs.Var(&rates, "rates", "fractions of words edited in the copies (default 0.02,0.05,0.1,0.2,0.3)")
	copies := fs.Int("copies", 300, "edited copies per rate")
	structural := fs.Bool("structural", false, "also drop a paragraph and append a sign-off line in each copy")
	seed := fs.Uint64("seed", 1, "random seed of the edits")
	threshold := fs.Float64("threshold", 0, "duplicate similarity threshold (0: the store's default)")
	asJSON := fs.Bool("json", false, "print JSON Lines")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if len(rates) == 0 {
		rates = listFlag{"0.02", "0.05", "0.1", "0.2", "0.3"}
	}
	corpus, err := readTexts(fs.Arg(0))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "RATE\tSTRUCTURAL\tCOPIES\tCONTROLS\tLINKED\tWRONG\tCONTROLS_LINKED\tPRECISION\tRECALL\tMEAN_SIM")
	}
	enc := json.NewEncoder(e.stdout)
	var rs []float64
	for _, v := range rates {
		rate, err := strconv.ParseFloat(v, 64)
		if err != nil || rate < 0 || rate > 1 {
			return fmt.Errorf("eval dedup: bad rate %q", v)
		}
		rs = append(rs, rate)
	}
	results, err := store.EvalDuplicates(ctx, corpus, store.DupEvalConfig{Rates: rs, Copies: *copies, Structural: *structural, Seed: *seed, Threshold: *threshold})
	if err != nil {
		return err
	}
	for i, r := range results {
		if i == 0 && !*asJSON {
			fmt.Fprintf(e.stderr, "corpus: %d texts, %d duplicates found in it (%d exact)\n", len(corpus), r.CorpusDuplicates, r.CorpusExact)
		}
		if *asJSON {
			enc.Encode(r)
			continue
		}
		fmt.Fprintf(tw, "%.2f\t%v\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", r.Rate, r.Structural, r.Copies, r.Controls,
			r.CopiesLinked, r.CopiesWrong, r.ControlsLinked, r.Precision, r.Recall, r.MeanSimilarity)
	}
	return tw.Flush()
}

// readTexts reads the id and text of each line of a JSON Lines file.
func readTexts(path string) ([]store.DupText, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	var out []store.DupText
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var r struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if r.ID == "" {
			r.ID = fmt.Sprintf("line-%d", line)
		}
		out = append(out, store.DupText{ID: r.ID, Text: r.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func runStats(ctx context.Context, e *env, args []string) error {
	fs := storeFlagSet(e, "stats", "sitrep stats [--db PATH] [--check] [--json]")
	db := fs.String("db", defaultDB, "database file")
	check := fs.Bool("check", false, "also run PRAGMA integrity_check")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	integrity := ""
	if *check {
		integrity = "ok"
		if err := st.IntegrityCheck(ctx); err != nil {
			integrity = err.Error()
		}
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(map[string]any{"stats": s, "integrity": integrity})
	}
	fmt.Fprintf(e.stdout, "documents=%d duplicates=%d stories=%d entities=%d places=%d times=%d quotes=%d events=%d failures=%d schema=%d",
		s.Documents, s.Duplicates, s.Stories, s.Entities, s.Places, s.Times, s.Quotes, s.Events, s.Failures, s.Schema)
	if *check {
		fmt.Fprintf(e.stdout, " integrity=%s", integrity)
	}
	fmt.Fprintln(e.stdout)
	if integrity != "" && integrity != "ok" {
		return errSilent
	}
	return nil
}
