package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/tocsin/tocsin/internal/ingest"
	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

// maxPost bounds one POST /api/articles body.
const maxPost = 32 << 20

// ingestResult is the answer to POST /api/articles.
type ingestResult struct {
	ingest.Summary
	IDs []string `json:"ids"` // new original articles, in input order
}

// postArticles ingests a JSON object, a JSON array, JSON Lines, or
// {"url": …} fetched with the safe client.
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPost))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", "the body is larger than 32 MiB: post fewer articles at a time")
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "bad_request", "read body: "+err.Error())
		return
	}
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		writeError(w, http.StatusBadRequest, "bad_request", "empty body: post a JSON article, a JSON array, JSON Lines or {\"url\": …}")
		return
	}
	inputs := []string{"-"}
	var only struct {
		URL string `json:"url"`
	}
	if body[0] == '{' && isURLOnly(body) && json.Unmarshal(body, &only) == nil {
		if !strings.HasPrefix(only.URL, "http://") && !strings.HasPrefix(only.URL, "https://") {
			writeError(w, http.StatusBadRequest, "bad_request", "url must be http or https")
			return
		}
		inputs = []string{only.URL}
	} else if body[0] != '{' && body[0] != '[' {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported", "the body must be JSON: an article object, an array of them, JSON Lines, or {\"url\": …}")
		return
	}
	// The request's context is cut loose: once a body is accepted, it is
	// stored whole even if the client leaves or the server is stopping.
	ctx := context.WithoutCancel(r.Context())
	var sum ingest.Summary
	var ids []string
	if inputs[0] == "-" {
		sum, ids, err = s.ingestPost(ctx, body)
	} else {
		sum, ids, err = s.Ingest(ctx, inputs, nil, nil)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ids == nil {
		ids = []string{}
	}
	status := http.StatusOK
	if sum.Accepted > 0 {
		status = http.StatusCreated
	} else if sum.Rejected > 0 && sum.Duplicates+sum.Near+sum.Unchanged == 0 {
		status = http.StatusUnprocessableEntity
	}
	res := ingestResult{Summary: sum, IDs: ids}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(res)
}

// isURLOnly tells whether a JSON object has the one key "url": an article
// record always has a title or text.
func isURLOnly(body []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return false
	}
	_, ok := m["url"]
	return ok && len(m) == 1
}

func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := paging(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	aq := store.ArticleQuery{Search: q.Get("q"), Lang: q.Get("lang"), Source: q.Get("source"), Limit: limit + 1, Offset: offset}
	if aq.Since, err = timeParam(q, "since"); err == nil {
		aq.Until, err = timeParam(q, "until")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.cfg.Store.Articles(r.Context(), aq)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeArticles(w, r, page(w, r, list, limit, offset))
}

// searchOf returns the units of the article search r makes, nil for none:
// the response cache keeps a search's answer across ingest runs that store
// nothing it can match.
func searchOf(r *http.Request) []store.SearchUnit {
	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" {
		return store.SplitSearch(q)
	}
	return nil
}

// articleDetail is an article with its facts, when it has any.
type articleDetail struct {
	news.Article
	Facts *news.Facts `json:"facts"`
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := articleDetail{Article: a}
	if f, err := s.cfg.Store.Facts(r.Context(), a.ID); err == nil {
		d.Facts = &f
	} else if !errors.Is(err, store.ErrNotFound) {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, d)
}
