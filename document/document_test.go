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
