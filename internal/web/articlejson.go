package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"github.com/tocsin/tocsin/internal/news"
)

// articleJSON keeps the JSON of the articles that listings answered, by
// id: encoding the 20 articles of a search page, bodies and all, was a
// quarter of a search's CPU under ingest, where a popular search is
// answered afresh every time new articles match it, mostly with the same
// articles. A stored article never changes, so its JSON stays right.
type articleJSON struct {
	mu sync.Mutex
	bounded[encoded]
}

// encoded is an article's JSON as encoding/json writes it.
type encoded []byte

func (e encoded) cost() int { return len(e) }

func newArticleJSON(max, maxBytes int) *articleJSON {
	return &articleJSON{bounded: newBounded[encoded](max, maxBytes)}
}

// of returns the JSON of a, encoded now unless kept.
func (c *articleJSON) of(a news.Article) (encoded, error) {
	c.mu.Lock()
	e, ok := c.entries[a.ID]
	c.mu.Unlock()
	if ok {
		return e, nil
	}
	e, err := json.Marshal(a) // escapes HTML, as encodeJSON does
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[a.ID]; !ok && c.makeRoom(1, len(e), nil) {
		c.entries[a.ID] = e
		c.bytes += len(e)
	}
	return e, nil
}

// page returns the bytes encodeJSON gives for p, each article's JSON
// taken from c.
func (c *articleJSON) page(p Page[news.Article]) ([]byte, error) {
	items := make([]encoded, len(p.Items))
	n := 64 + len(p.Next)
	for i, a := range p.Items {
		var err error
		if items[i], err = c.of(a); err != nil {
			return nil, err
		}
		n += len(items[i]) + 1
	}
	b := bytes.NewBuffer(make([]byte, 0, n))
	b.WriteString(`{"items":[`)
	for i, e := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(e)
	}
	b.WriteString(`],"limit":`)
	b.WriteString(strconv.Itoa(p.Limit))
	b.WriteString(`,"offset":`)
	b.WriteString(strconv.Itoa(p.Offset))
	if p.Next != "" {
		next, err := json.Marshal(p.Next)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"next":`)
		b.Write(next)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// writeArticles sends a page of articles as writeJSON does.
func (s *Server) writeArticles(w http.ResponseWriter, r *http.Request, p Page[news.Article]) {
	body, err := s.articles.page(p)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "encode response: "+err.Error())
		return
	}
	writeTagged(w, r, "application/json", body)
}
