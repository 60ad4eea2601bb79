package extract

import "testing"

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Syrian troops shelled rebel positions near Idlib on Monday, state media said.", "en"},
		{"The ministry said the convoy had reached the border crossing early on Tuesday and that aid would be distributed.", "en"},
		{"Les troupes syriennes ont bombardé lundi des positions rebelles près d'Idlib, selon les médias d'État.", "fr"},
		{"Syrische Truppen haben am Montag Stellungen der Rebellen bei Idlib beschossen, berichteten staatliche Medien.", "de"},
		{"Las tropas sirias bombardearon el lunes posiciones rebeldes cerca de Idlib, según los medios estatales.", "es"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := detectLanguage(tt.text); got != tt.want {
			t.Errorf("detectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
