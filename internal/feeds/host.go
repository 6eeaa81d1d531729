package feeds

import (
	"context"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/html"
)

// hosts keeps the per-host politeness: one request in flight per host, and
// at least gap between the end of one and the start of the next.
type hosts struct {
	gap   time.Duration
	mu    sync.Mutex
	gates map[string]*gate
}

type gate struct {
	slot chan struct{} // holds one token: the right to send
	last time.Time     // when the last request finished
}

func newHosts(gap time.Duration) *hosts {
	return &hosts{gap: gap, gates: map[string]*gate{}}
}

// acquire waits for host's turn; release must be called when the request
// is done.
func (h *hosts) acquire(ctx context.Context, host string) (release func(), err error) {
	host = strings.ToLower(host)
	h.mu.Lock()
	g, ok := h.gates[host]
	if !ok {
		g = &gate{slot: make(chan struct{}, 1)}
		g.slot <- struct{}{}
		h.gates[host] = g
	}
	h.mu.Unlock()
	select {
	case <-g.slot:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if wait := time.Until(g.last.Add(h.gap)); wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			g.slot <- struct{}{}
			return nil, ctx.Err()
		}
	}
	return func() {
		g.last = time.Now()
		g.slot <- struct{}{}
	}, nil
}

// blocks are the elements that end a paragraph of text.
var blocks = map[string]bool{
	"p": true, "br": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "blockquote": true, "tr": true, "section": true, "article": true, "figcaption": true,
}

// plainText turns the HTML fragment of a feed item (or plain text, which
// passes unchanged but for entities) into text with paragraph breaks.
func plainText(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return strings.TrimSpace(fragment)
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(fragment))
	skip := 0 // inside script or style
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(collapse(b.String()))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip++
			default:
				if blocks[string(name)] {
					b.WriteString("\n\n")
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style":
				skip = max(skip-1, 0)
			default:
				if blocks[string(name)] {
					b.WriteString("\n\n")
				}
			}
		}
	}
}

// collapse joins runs of spaces within lines and of blank lines between
// paragraphs.
func collapse(s string) string {
	var paras []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}
