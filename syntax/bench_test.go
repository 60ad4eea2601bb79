package syntax

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/shared"
)

func loadOrSkip(tb testing.TB) *Analyzer {
	tb.Helper()
	a, err := LoadAnalyzer("", "")
	if err != nil {
		tb.Skipf("models not available: %v", err)
	}
	return a
}

func sharedPath(tb testing.TB, rel string) string {
	tb.Helper()
	return shared.Path(tb, rel)
}

func devSentences(tb testing.TB) []*Sentence {
	tb.Helper()
	p := shared.Path(tb, "ud-ewt/en_ewt-ud-dev.conllu")
	_, s, err := ReadTreebank(p)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// Analyzers of the benchmarks.
const (
	benchAccurate = iota // LoadAnalyzer: bidirectional tagger, parser ensemble
	benchBeam            // left-to-right tagger, one beam-search parser
	benchFast            // LoadFastAnalyzer: left-to-right tagger, greedy parser
)

func benchAnalyzer(b *testing.B, kind int) *Analyzer {
	b.Helper()
	var a *Analyzer
	var err error
	switch kind {
	case benchAccurate:
		a, err = LoadAnalyzer("", "")
	case benchBeam:
		if a, err = LoadAnalyzer("", "embedded:parser.gz"); err == nil {
			a = NewAnalyzer(a.Tagger.Forward(), a.Parser)
		}
	default:
		a, err = LoadFastAnalyzer("", "")
	}
	if err != nil {
		b.Skipf("models not available: %v", err)
	}
	return a
}

func benchAnalyze(b *testing.B, a *Analyzer) {
	sents := devSentences(b)
	words := 0
	for _, s := range sents {
		words += s.Len()
	}
	sc := &Scratch{}
	work := &Sentence{}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			work.Reset(s.Forms)
			a.AnalyzeWith(sc, work)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "tokens/s")
	// tokens per CPU second: the one-core figure, robust to a busy machine
	// (run with GOMAXPROCS=1).
	if cpu > 0 {
		b.ReportMetric(float64(words*b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
	b.ReportMetric(0, "ns/op")
}

// BenchmarkTag measures left-to-right tagging and lemmatization (the
// pipeline's) on one core.
func BenchmarkTag(b *testing.B) {
	benchAnalyze(b, NewAnalyzer(benchAnalyzer(b, benchFast).Tagger, nil))
}

// BenchmarkTagBidirectional measures the accurate analyzer's tagging.
func BenchmarkTagBidirectional(b *testing.B) {
	benchAnalyze(b, NewAnalyzer(benchAnalyzer(b, benchAccurate).Tagger, nil))
}

// BenchmarkTagParse measures the accurate analyzer (LoadAnalyzer, NewStage):
// bidirectional tagging and the parser ensemble.
func BenchmarkTagParse(b *testing.B) { benchAnalyze(b, benchAnalyzer(b, benchAccurate)) }

// BenchmarkTagParseBeam measures tagging and one beam-search parser.
func BenchmarkTagParseBeam(b *testing.B) { benchAnalyze(b, benchAnalyzer(b, benchBeam)) }

// BenchmarkTagParseFast measures tagging, lemmatization and greedy parsing
// (NewFastStage, the pipeline's) on one core.
func BenchmarkTagParseFast(b *testing.B) { benchAnalyze(b, benchAnalyzer(b, benchFast)) }

// BenchmarkModelMemory reports the heap taken by the loaded models of the
// accurate and the fast analyzer.
func BenchmarkModelMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, kind := range []struct {
			name string
			k    int
		}{{"accurate", benchAccurate}, {"fast", benchFast}} {
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			a := benchAnalyzer(b, kind.k)
			runtime.GC()
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/(1<<20), "MiB-"+kind.name)
			runtime.KeepAlive(a)
		}
	}
}

// BenchmarkWorkerMemory reports the heap held by one worker's scratch after
// analyzing the dev set (the models are shared by all workers).
func BenchmarkWorkerMemory(b *testing.B) {
	a := benchAnalyzer(b, benchAccurate)
	sents := devSentences(b)
	for i := 0; i < b.N; i++ {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		sc := &Scratch{}
		work := &Sentence{}
		for _, s := range sents {
			work.Reset(s.Forms)
			a.AnalyzeWith(sc, work)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1024, "KiB/worker")
		runtime.KeepAlive(sc)
		runtime.KeepAlive(work)
	}
}

// cpuTime is the user+system CPU time of the process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
