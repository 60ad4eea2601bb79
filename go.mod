module github.com/sitrep/sitrep

go 1.26.0

require (
	github.com/pariz/gountries v0.1.6
	golang.org/x/text v0.44.0
)

require gopkg.in/yaml.v2 v2.4.0 // indirect
