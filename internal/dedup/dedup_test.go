package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wire is a wire story written for these tests; the variants below are how
// outlets re-publish such a story.
const wire = `Flooding forced the evacuation of about 2,000 residents from low-lying districts of the port city on Saturday after two days of torrential rain, regional authorities said.

Rescue teams used boats to reach families trapped on the upper floors of their homes, and three schools were turned into emergency shelters. No deaths have been reported so far.

The river rose more than four metres above its normal level overnight and is expected to peak on Sunday afternoon, according to the national weather service. Power was cut to several neighbourhoods as a precaution.

The regional governor said the army had been asked to help reinforce the embankments and that emergency funds would be released on Monday.`

// edited is wire lightly edited by another outlet: a new headline, a few
// words changed, a sentence added and different boilerplate at the end.
const edited = `Thousands evacuated as river bursts its banks

Flooding forced the evacuation of around 2,000 residents from low-lying districts of the port city on Saturday after two days of heavy rain, regional officials said.

Rescue teams used boats to reach families trapped on the upper floors of their homes, and three schools were turned into emergency shelters. No deaths have been reported so far.

The river rose more than four metres above its normal level overnight and is expected to peak on Sunday afternoon, according to the national weather service. Power was cut to several neighbourhoods as a precaution. Train services to the capital were suspended.

The regional governor said the army had been asked to help reinforce the embankments and that emergency funds would be released on Monday.

Sign up for our morning briefing. Follow us on social media for the latest updates.`

// Two different shootings told with the same template words.
const (
	shootingA = `Two men were shot and wounded late on Friday outside a bar on Main Street in Springfield, police said. Officers found the victims, aged 24 and 31, lying on the pavement shortly after 11 p.m. and took them to the county hospital, where they were in stable condition. Witnesses told police that a gunman fired several shots from a dark sedan before driving off. No arrests have been made, and police asked anyone with information to call the tip line.`
	shootingB = `A woman was shot and killed early on Sunday in a parking lot near a shopping centre in Riverton, police said. Officers called to the scene at about 2 a.m. found the 45-year-old victim with a gunshot wound to the chest; she died at the scene. Police said the shooting followed an argument between two groups and that a 19-year-old man had been arrested. Anyone with information was asked to call the detectives.`
)

func TestExact(t *testing.T) {
	base := Of("The minister resigned on Friday. “It was time,” she said.")
	for _, variant := range []string{
		"the minister resigned on friday. \"it was time,\" she said.",
		"THE MINISTER RESIGNED ON FRIDAY -- IT WAS TIME, SHE SAID",
		"  The  minister\nresigned on Friday.\n\n'It was time', she said!  ",
	} {
		if got := Of(variant).Exact; got != base.Exact {
			t.Errorf("Of(%q).Exact = %s, want %s", variant, got, base.Exact)
		}
	}
	// An accent composed (U+00E9) or decomposed (e + U+0301) is one word.
	composed, decomposed := Of("Le café de la gare a fermé."), Of("Le cafe\u0301 de la gare a ferme\u0301.")
	if composed.Exact != decomposed.Exact {
		t.Errorf("composed and decomposed accents fingerprint differently: %v, %v", Words("cafe\u0301"), Words("café"))
	}
	if got := Of("The minister resigned on Saturday. It was time, she said.").Exact; got == base.Exact {
		t.Errorf("a changed word kept the exact fingerprint %s", got)
	}
}

func TestNearDuplicate(t *testing.T) {
	a, b := Of(wire), Of(edited)
	if a.Sig == nil || b.Sig == nil {
		t.Fatal("no signature for a full article")
	}
	if a.Exact == b.Exact {
		t.Fatal("edited copy has the same exact fingerprint")
	}
	sim := a.Sig.Similarity(b.Sig)
	if sim < Threshold {
		t.Errorf("similarity of wire story and edited copy = %.2f, want >= %.2f", sim, Threshold)
	}
	if !shareBand(a.Sig, b.Sig) {
		t.Error("wire story and edited copy share no band key")
	}
	t.Logf("similarity wire/edited: %.2f", sim)
}

func TestDifferentStories(t *testing.T) {
	a, b := Of(shootingA), Of(shootingB)
	if sim := a.Sig.Similarity(b.Sig); sim >= Threshold {
		t.Errorf("similarity of two different shootings = %.2f, want < %.2f", sim, Threshold)
	}
	if sim := Of(wire).Sig.Similarity(a.Sig); sim >= Threshold {
		t.Errorf("similarity of flood and shooting = %.2f, want < %.2f", sim, Threshold)
	}
}

func TestShortText(t *testing.T) {
	for _, text := range []string{"", "Breaking news", "Police: one dead, two hurt in crash"} {
		fp := Of(text)
		if fp.Sig != nil {
			t.Errorf("Of(%q).Sig = %v, want nil", text, fp.Sig[:3])
		}
		if fp.Exact == "" {
			t.Errorf("Of(%q).Exact is empty", text)
		}
	}
}

func TestSignatureBytes(t *testing.T) {
	sig := Of(wire).Sig
	got, ok := ParseSignature(sig.Bytes())
	if !ok || *got != *sig {
		t.Fatalf("ParseSignature(Bytes()) = %v, %v; want the signature back", ok, got == nil)
	}
	for _, b := range [][]byte{nil, {1, 2, 3}, sig.Bytes()[1:], append(sig.Bytes(), 0)} {
		if _, ok := ParseSignature(b); ok {
			t.Errorf("ParseSignature accepted %d bytes", len(b))
		}
	}
}

// TestStable pins the fingerprint of one text: signatures and band keys are
// stored, so a change here makes every stored one stale.
func TestStable(t *testing.T) {
	a, b := Of(wire), Of(wire)
	if a.Exact != b.Exact || *a.Sig != *b.Sig || a.Sig.BandKeys() != b.Sig.BandKeys() {
		t.Fatal("the same text fingerprinted twice differs")
	}
	const wantExact = "3d1854c44dac9081efc6338e9f3c052a"
	if a.Exact != wantExact {
		t.Errorf("Exact = %s, want %s", a.Exact, wantExact)
	}
	wantSig := [4]uint32{0xef21d4, 0x135013a, 0x33d758, 0x1bc9b40}
	if got := [4]uint32(a.Sig[:4]); got != wantSig {
		t.Errorf("Sig[:4] = %#v, want %#v", got, wantSig)
	}
	for _, k := range a.Sig.BandKeys() {
		if k < 0 {
			t.Errorf("band key %d is negative", k)
		}
	}
}

func shareBand(a, b *Signature) bool {
	ka, kb := a.BandKeys(), b.BandKeys()
	return shareKey(&ka, &kb)
}

func shareKey(ka, kb *[Bands]int64) bool {
	for i := range ka {
		if ka[i] == kb[i] {
			return true
		}
	}
	return false
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat(wire+"\n\n", 2) // about 1,500 bytes
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Of(text)
	}
}

// TestCorpusFalsePositives measures the near-duplicate threshold on the Gun
// Violence Archive development set: many different shootings told in the
// same words. Pairs of articles about different incidents at or above
// Threshold are false positives. It is a measurement that runs only where
// the development corpora are (TOCSIN_CORPORA, or /work/shared/corpora).
func TestCorpusFalsePositives(t *testing.T) {
	root := os.Getenv("TOCSIN_CORPORA")
	if root == "" {
		root = "/work/shared/corpora"
	}
	f, err := os.Open(filepath.Join(root, "gva", "dev.jsonl"))
	if err != nil {
		t.Skipf("no development corpora at %s (set TOCSIN_CORPORA): nothing to measure", root)
	}
	defer f.Close()
	type doc struct {
		event, exact string
		sig          *Signature
		keys         [Bands]int64
	}
	var docs []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ Text, Event string }
		if json.Unmarshal(sc.Bytes(), &r) != nil {
			continue
		}
		fp := Of(r.Text)
		if fp.Sig != nil {
			docs = append(docs, doc{r.Event, fp.Exact, fp.Sig, fp.Sig.BandKeys()})
		}
	}
	var diffPairs, samePairs, fp, fpExact, sameHit, sameBand, fpBand int
	hist := map[int]int{} // different-event pairs by similarity decile
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := &docs[i], &docs[j]
			sim := a.sig.Similarity(b.sig)
			if a.event == b.event {
				samePairs++
				if sim >= Threshold {
					sameHit++
				}
				if shareKey(&a.keys, &b.keys) {
					sameBand++
				}
				continue
			}
			diffPairs++
			hist[int(sim*10)]++
			if shareKey(&a.keys, &b.keys) {
				fpBand++
			}
			if sim >= Threshold {
				fp++
				if a.exact == b.exact {
					fpExact++
				}
			}
		}
	}
	t.Logf("%d articles; different-event pairs: %d, at or above threshold %.2f: %d (%d exact copies), sharing a band: %d",
		len(docs), diffPairs, Threshold, fp, fpExact, fpBand)
	t.Logf("same-event pairs: %d, at or above threshold: %d, sharing a band: %d", samePairs, sameHit, sameBand)
	t.Logf("different-event pairs by similarity decile: %v", hist)
	if rate := float64(fp-fpExact) / float64(diffPairs); rate > 1e-4 {
		t.Errorf("false-positive rate %.2e (beyond exact copies), want at most 1e-4", rate)
	}
}
