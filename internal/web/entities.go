package web

import (
	"net/http"
	"net/url"

	"github.com/tocsin/tocsin/internal/news"
	"github.com/tocsin/tocsin/internal/store"
)

func (s *Server) listEntities(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := paging(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	typ, err := entityType(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.cfg.Store.Entities(r.Context(), store.EntityQuery{Type: typ, Limit: limit + 1, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, page(w, r, list, limit, offset))
}

func entityType(q url.Values) (string, error) {
	switch t := q.Get("type"); t {
	case "", news.PER, news.ORG, news.LOC, news.MISC:
		return t, nil
	default:
		return "", badParam("type", t, "PER, ORG, LOC or MISC")
	}
}

// EntityDetail is an entity with the events that mention it.
type EntityDetail struct {
	store.EntityCount
	Events Page[news.Event] `json:"event_page"`
}

func (s *Server) entityDetail(r *http.Request, w http.ResponseWriter) (EntityDetail, error) {
	q := r.URL.Query()
	limit, offset, err := paging(q)
	if err != nil {
		return EntityDetail{}, err
	}
	e, err := s.cfg.Store.Entity(r.Context(), r.PathValue("id"))
	if err != nil {
		return EntityDetail{}, err
	}
	list, err := s.cfg.Store.Events(r.Context(), store.EventQuery{Entity: e.ID, Limit: limit + 1, Offset: offset})
	if err != nil {
		return EntityDetail{}, err
	}
	return EntityDetail{EntityCount: e, Events: page(w, r, list, limit, offset)}, nil
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) {
	d, err := s.entityDetail(r, w)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, d)
}
