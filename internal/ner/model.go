package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model is a trained tagger's weights: a sparse table of hashed features,
// each with one int8 weight per tag and a scale, and a dense table of tag
// transition weights. Build one with Train or Read; tag with New(model).
type Model struct {
	// Tags is the tag set; Tags[0] is "O".
	Tags []string
	// Langs are the language codes of the training data.
	Langs []string
	// Gazetteer is true when the model was trained with gazetteer features;
	// its taggers should then be given the same gazetteer.
	Gazetteer bool
	// Greedy is true when the model decodes left to right instead of with
	// Viterbi.
	Greedy bool
	// CaseConstrained is true when no entity may begin on an all-lower-case
	// token (see TrainConfig.CaseConstrained).
	CaseConstrained bool
	// SentStyle is true when the model has the sentence-style features
	// (see TrainConfig.SentStyle).
	SentStyle bool

	trans  []float32 // (len(Tags)+1) x len(Tags): trans[prev*nT+cur]; prev == nT is the sentence start
	keys   []uint32  // sorted feature keys
	scales []float32 // one per key
	q      []int8    // len(keys) x len(Tags), row-major
}

// Features returns the number of features the model keeps.
func (m *Model) Features() int { return len(m.keys) }

const magic = "TOCSNER1"

const (
	flagGazetteer = 1 << iota
	flagGreedy
	flagCaseConstrained
	flagSentStyle
)

// Write stores the model, gzip-compressed, in a compact binary format that
// Read takes back.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	if err := m.encode(bw); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

func (m *Model) encode(w *bufio.Writer) error {
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { w.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	str := func(s string) { uv(uint64(len(s))); w.WriteString(s) }
	f32 := func(f float32) { binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(f)); w.Write(buf[:4]) }

	w.WriteString(magic)
	var flags uint64
	if m.Gazetteer {
		flags |= flagGazetteer
	}
	if m.Greedy {
		flags |= flagGreedy
	}
	if m.CaseConstrained {
		flags |= flagCaseConstrained
	}
	if m.SentStyle {
		flags |= flagSentStyle
	}
	uv(flags)
	uv(uint64(len(m.Tags)))
	for _, t := range m.Tags {
		str(t)
	}
	uv(uint64(len(m.Langs)))
	for _, l := range m.Langs {
		str(l)
	}
	for _, f := range m.trans {
		f32(f)
	}
	uv(uint64(len(m.keys)))
	var prev uint32
	for _, k := range m.keys {
		uv(uint64(k - prev))
		prev = k
	}
	for _, s := range m.scales {
		f32(s)
	}
	// Column by column: the weights of one tag sit together, which
	// compresses better than rows.
	nT := len(m.Tags)
	for t := range nT {
		for r := range m.keys {
			w.WriteByte(byte(m.q[r*nT+t]))
		}
	}
	return nil
}

// Read loads a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	defer zr.Close()
	m, err := decode(bufio.NewReaderSize(zr, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return m, nil
}

// Maximum sizes accepted when reading, to fail cleanly on corrupt input.
const (
	maxTags     = 64
	maxLangs    = 1000
	maxFeatures = 1 << 26
	maxString   = 256
)

func decode(r *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if string(head) != magic {
		return nil, errors.New("not a tocsin NER model (bad magic)")
	}
	var err error
	uv := func(limit uint64, what string) uint64 {
		if err != nil {
			return 0
		}
		var x uint64
		x, err = binary.ReadUvarint(r)
		if err == nil && x > limit {
			err = fmt.Errorf("%s: %d is over the limit %d", what, x, limit)
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", what, err)
		}
		return x
	}
	str := func(what string) string {
		n := uv(maxString, what)
		if err != nil {
			return ""
		}
		b := make([]byte, n)
		if _, e := io.ReadFull(r, b); e != nil {
			err = fmt.Errorf("%s: %w", what, e)
		}
		return string(b)
	}
	var b4 [4]byte
	f32 := func(what string) float32 {
		if err != nil {
			return 0
		}
		if _, e := io.ReadFull(r, b4[:]); e != nil {
			err = fmt.Errorf("%s: %w", what, e)
			return 0
		}
		return math.Float32frombits(binary.LittleEndian.Uint32(b4[:]))
	}

	m := &Model{}
	flags := uv(1<<8, "flags")
	m.Gazetteer = flags&flagGazetteer != 0
	m.Greedy = flags&flagGreedy != 0
	m.CaseConstrained = flags&flagCaseConstrained != 0
	m.SentStyle = flags&flagSentStyle != 0
	nT := int(uv(maxTags, "tag count"))
	for range nT {
		m.Tags = append(m.Tags, str("tag"))
	}
	nL := int(uv(maxLangs, "language count"))
	for range nL {
		m.Langs = append(m.Langs, str("language"))
	}
	if err != nil {
		return nil, err
	}
	if nT == 0 || m.Tags[0] != "O" {
		return nil, errors.New("tag set must start with O")
	}
	m.trans = make([]float32, (nT+1)*nT)
	for i := range m.trans {
		m.trans[i] = f32("transitions")
	}
	nF := int(uv(maxFeatures, "feature count"))
	if err != nil {
		return nil, err
	}
	m.keys = make([]uint32, nF)
	var prev uint64
	for i := range m.keys {
		d := uv(math.MaxUint32, "feature key")
		prev += d
		if prev > math.MaxUint32 || (i > 0 && d == 0) {
			return nil, errors.New("feature keys out of order")
		}
		m.keys[i] = uint32(prev)
	}
	m.scales = make([]float32, nF)
	for i := range m.scales {
		m.scales[i] = f32("scales")
	}
	if err != nil {
		return nil, err
	}
	col := make([]byte, nF)
	m.q = make([]int8, nF*nT)
	for t := range nT {
		if _, err := io.ReadFull(r, col); err != nil {
			return nil, fmt.Errorf("weights: %w", err)
		}
		for i, b := range col {
			m.q[i*nT+t] = int8(b)
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, errors.New("trailing data after weights")
	}
	return m, nil
}

// quantise builds the sparse int8 table from dense float weights
// (rows x nT, row i belonging to keys[i]), dropping rows whose largest
// absolute weight is below prune.
func quantise(keys []uint32, w []float32, nT int, prune float32) (outKeys []uint32, scales []float32, q []int8) {
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case keys[a] < keys[b]:
			return -1
		case keys[a] > keys[b]:
			return 1
		}
		return 0
	})
	for _, i := range order {
		row := w[i*nT : (i+1)*nT]
		var maxAbs float32
		for _, x := range row {
			maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
		}
		if maxAbs == 0 || maxAbs < prune {
			continue
		}
		scale := maxAbs / 127
		outKeys = append(outKeys, keys[i])
		scales = append(scales, scale)
		for _, x := range row {
			q = append(q, int8(math.Round(float64(x/scale))))
		}
	}
	return outKeys, scales, q
}
