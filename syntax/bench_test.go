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

func benchAnalyze(b *testing.B, parse, fast bool) {
	a := loadOrSkip(b)
	if fast {
		var err error
		if a, err = LoadFastAnalyzer(""); err != nil {
			b.Skipf("fast model not available: %v", err)
		}
	}
	if !parse {
		a = NewAnalyzer(a.Tagger, nil)
	}
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

// BenchmarkTag measures tagging and lemmatization speed on one core.
func BenchmarkTag(b *testing.B) { benchAnalyze(b, false, false) }

// BenchmarkTagParse measures tagging, lemmatization and beam-search parsing
// (the default stage) on one core.
func BenchmarkTagParse(b *testing.B) { benchAnalyze(b, true, false) }

// BenchmarkTagParseFast measures tagging, lemmatization and greedy parsing
// (NewFastStage) on one core.
func BenchmarkTagParseFast(b *testing.B) { benchAnalyze(b, true, true) }

// BenchmarkWorkerMemory reports the heap held by one worker's scratch after
// analyzing the dev set (the models are shared by all workers).
func BenchmarkWorkerMemory(b *testing.B) {
	a := loadOrSkip(b)
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
