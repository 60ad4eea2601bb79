package geoparse

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
)

// Model is the ranker: one weight per feature of a conditional-logit
// (softmax over a mention's candidates) model.
type Model struct {
	Features []string  `json:"features"`
	Weights  []float64 `json:"weights"`
	// Trained says how the weights were obtained.
	Trained string `json:"trained,omitempty"`
}

func (m *Model) dot(f []float64) float64 {
	s := 0.0
	for i, x := range f {
		if i < len(m.Weights) {
			s += m.Weights[i] * x
		}
	}
	return s
}

//go:embed model.json
var modelJSON []byte

// HeuristicModel returns the hand-set weights that training starts from.
func HeuristicModel() *Model { return heuristicModel() }

// heuristicModel is the hand-set starting point of training and the
// fallback when no trained model is embedded.
func heuristicModel() *Model {
	w := make([]float64, fNumFeatures)
	w[fLogPop] = 3
	w[fCountry] = 6
	w[fAdmin1] = 4
	w[fAdmin2] = 0.5
	w[fCapital] = 1.5
	w[fSeat] = 0.5
	w[fRegion] = 1
	w[fExact] = 1
	w[fTopPop] = 1
	w[fQualCountry] = 3
	w[fQualAdmin1] = 4
	w[fQualNear] = 2
	w[fDocCountryShare] = 2
	w[fDocAdmin1Share] = 2
	w[fDocCountryExplicit] = 2
	w[fDocAdmin1Explicit] = 2
	w[fDateline] = 4
	w[fNearKm] = 2
	w[fSuffixAdmin] = 3
	w[fSamePlace] = 1
	w[fDemonymCountry] = 0.5
	w[fCityNoSuffix] = -1
	return &Model{Features: append([]string(nil), featureNames...), Weights: w, Trained: "heuristic"}
}

var defaultModel = sync.OnceValues(func() (*Model, error) {
	if len(modelJSON) == 0 {
		return heuristicModel(), nil
	}
	return ParseModel(modelJSON)
})

// DefaultModel returns the embedded trained model.
func DefaultModel() (*Model, error) { return defaultModel() }

// ParseModel decodes a model and checks it matches this build's features.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("geoparse model: %w", err)
	}
	if len(m.Weights) != fNumFeatures || len(m.Features) != fNumFeatures {
		return nil, fmt.Errorf("geoparse model: %d weights, want %d", len(m.Weights), fNumFeatures)
	}
	for i, n := range m.Features {
		if n != featureNames[i] {
			return nil, fmt.Errorf("geoparse model: feature %d is %q, want %q", i, n, featureNames[i])
		}
	}
	return &m, nil
}

// TrainOptions configures Train.
type TrainOptions struct {
	Epochs int     // default 30
	Rate   float64 // default 0.05
	L2     float64 // default 1e-4
	Seed   uint64
	// Rounds of context re-estimation (default 2).
	Rounds int
	// Log receives progress lines.
	Log func(format string, args ...any)
}

// trainItem is one gold toponym with its candidates' features and the
// index of the correct candidate.
type trainItem struct {
	feats [][]float64
	gold  int
}

// Train fits the ranker on documents with gold toponyms (their spans are
// the mentions). A candidate is correct when it has the gold GeoNames id,
// else when it is the nearest candidate within 161 km of the gold point.
func (r *Resolver) Train(ctx context.Context, docs []Doc, o TrainOptions) (*Model, error) {
	if o.Epochs <= 0 {
		o.Epochs = 30
	}
	if o.Rate <= 0 {
		o.Rate = 0.05
	}
	if o.L2 <= 0 {
		o.L2 = 1e-4
	}
	if o.Rounds <= 0 {
		o.Rounds = 2
	}
	logf := o.Log
	if logf == nil {
		logf = func(string, ...any) {}
	}
	model := heuristicModel()
	rng := rand.New(rand.NewPCG(o.Seed, 42))
	for round := 0; round < o.Rounds; round++ {
		cur := &Resolver{g: r.g, model: model}
		var items []trainItem
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			items = append(items, cur.trainItems(d)...)
		}
		logf("round %d: %d training toponyms", round, len(items))
		w := append([]float64(nil), model.Weights...)
		for ep := 0; ep < o.Epochs; ep++ {
			rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
			loss := 0.0
			rate := o.Rate / (1 + float64(ep)*0.1)
			for _, it := range items {
				scores := make([]float64, len(it.feats))
				mx := math.Inf(-1)
				for i, f := range it.feats {
					for k, x := range f {
						scores[i] += w[k] * x
					}
					mx = math.Max(mx, scores[i])
				}
				sum := 0.0
				for i := range scores {
					scores[i] = math.Exp(scores[i] - mx)
					sum += scores[i]
				}
				for i := range scores {
					scores[i] /= sum
				}
				loss -= math.Log(scores[it.gold] + 1e-12)
				for i, f := range it.feats {
					g := scores[i]
					if i == it.gold {
						g -= 1
					}
					for k, x := range f {
						w[k] -= rate * g * x
					}
				}
				for k := range w {
					w[k] -= rate * o.L2 * w[k]
				}
			}
			if ep == o.Epochs-1 || ep%10 == 0 {
				logf("round %d epoch %d: loss %.4f", round, ep, loss/float64(max(1, len(items))))
			}
		}
		model = &Model{Features: append([]string(nil), featureNames...), Weights: w,
			Trained: fmt.Sprintf("conditional logit, %d toponyms, %d rounds x %d epochs", len(items), o.Rounds, o.Epochs)}
	}
	return model, nil
}

// trainItems resolves d's gold spans with the current model (for the
// document context) and returns each toponym's candidate features.
func (r *Resolver) trainItems(d Doc) []trainItem {
	ms := d.GoldMentions()
	sts := r.prepare(d.Text, withContext(ms, r.Recognize(d.Text)))
	coherence(sts)
	cs := r.context(sts, nil)
	for round := 0; round < 2; round++ {
		for i := range sts {
			r.score(&sts[i], cs.ctx)
		}
		cs = r.context(sts, nil)
	}
	var out []trainItem
	for i := range ms {
		st := &sts[i]
		if len(st.cands) < 2 {
			continue
		}
		t := d.Toponyms[i]
		gold := -1
		for j := range st.cands {
			if t.GeonameID != 0 && st.cands[j].p.GeonameID == t.GeonameID {
				gold = j
				break
			}
		}
		if gold < 0 {
			bestD := 161.0
			for j := range st.cands {
				dist := haversine(t.Lat, t.Lon, st.cands[j].p.Lat, st.cands[j].p.Lon)
				if dist < bestD {
					gold, bestD = j, dist
				}
			}
		}
		if gold < 0 {
			continue
		}
		// Features against the context as it is when resolving.
		it := trainItem{gold: gold}
		for j := range st.cands {
			r.features(st, j, cs.ctx)
			it.feats = append(it.feats, st.cands[j].feats)
		}
		out = append(out, it)
	}
	return out
}

// MarshalJSON encodes the model with rounded weights.
func (m *Model) Encode() ([]byte, error) {
	w := make([]float64, len(m.Weights))
	for i, x := range m.Weights {
		w[i] = math.Round(x*1e4) / 1e4
	}
	return json.MarshalIndent(&Model{Features: m.Features, Weights: w, Trained: m.Trained}, "", "  ")
}
