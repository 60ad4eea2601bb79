package document

import "testing"

func TestOffsets(t *testing.T) {
	d := New()
	d.SetText("Zarif in Şam — “Damascus”.")
	tests := []struct{ runeOff, byteOff int }{{0, 0}, {9, 9}, {10, 11}, {15, 18}, {26, len(d.Text)}}
	for _, tc := range tests {
		if got := d.ByteOffset(tc.runeOff); got != tc.byteOff {
			t.Errorf("ByteOffset(%d) = %d, want %d", tc.runeOff, got, tc.byteOff)
		}
		if got := d.RuneOffset(tc.byteOff); got != tc.runeOff {
			t.Errorf("RuneOffset(%d) = %d, want %d", tc.byteOff, got, tc.runeOff)
		}
	}
	if got := d.Slice(9, 12); got != "Şam" {
		t.Errorf("Slice(9, 12) = %q", got)
	}
	if got := d.Slice(5, 2); got != "" {
		t.Errorf("inverted Slice = %q", got)
	}
}

func TestValidate(t *testing.T) {
	d := New()
	d.SetText("Storm hits.")
	d.Paragraphs = []Span{{Start: 0, End: 11}}
	if err := d.Validate(); err != nil {
		t.Fatalf("valid document: %v", err)
	}
	d.Quotes = []Quote{{Start: 0, End: 5, Cue: &Mention{Start: 9, End: 40}}}
	if err := d.Validate(); err == nil {
		t.Error("cue outside the text accepted")
	}
	d.Quotes = nil
	d.Paragraphs = []Span{{Start: 4, End: 2}}
	if err := d.Validate(); err == nil {
		t.Error("inverted paragraph accepted")
	}
}
