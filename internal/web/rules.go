package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tocsin/tocsin/internal/store"
)

// RuleView is a rule as the API serves it: its webhook secret is never
// served back, only whether it has one.
type RuleView struct {
	store.Rule
	Signed bool `json:"signed"`
}

func ruleView(r store.Rule) RuleView { return RuleView{Rule: r, Signed: r.Secret != ""} }

// ruleRequest is the body of POST /api/rules; secret is write-only.
type ruleRequest struct {
	Name        string       `json:"name"`
	Near        *store.Point `json:"near"`
	RadiusKm    float64      `json:"radius_km"`
	Country     string       `json:"country"`
	Entity      string       `json:"entity"`
	Type        string       `json:"type"`
	MinSeverity int          `json:"min_severity"`
	MinSources  int          `json:"min_sources"`
	Webhook     string       `json:"webhook"`
	Secret      string       `json:"secret"`
}

// rule checks a request and makes the rule to store, with the same
// constraints as `tocsin rules add`.
func (q ruleRequest) rule() (store.Rule, error) {
	r := store.Rule{Name: strings.TrimSpace(q.Name), Near: q.Near, RadiusKm: q.RadiusKm,
		Country: strings.ToUpper(strings.TrimSpace(q.Country)), Entity: strings.TrimSpace(q.Entity), Type: strings.TrimSpace(q.Type),
		MinSeverity: q.MinSeverity, MinSources: q.MinSources, Webhook: strings.TrimSpace(q.Webhook), Secret: q.Secret}
	bad := func(format string, a ...any) (store.Rule, error) {
		return store.Rule{}, badRequest{fmt.Sprintf(format, a...)}
	}
	switch {
	case r.Name == "":
		return bad("name is required")
	case len(r.Name) > 200:
		return bad("name: at most 200 bytes")
	case r.Near != nil && (r.Near.Lat < -90 || r.Near.Lat > 90 || r.Near.Lon < -180 || r.Near.Lon > 180):
		return bad("near: want lat in [-90, 90] and lon in [-180, 180]")
	case (r.Near != nil) != (r.RadiusKm > 0):
		return bad("near and radius_km go together")
	case r.Country != "" && (len(r.Country) != 2 || strings.Trim(r.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != ""):
		return bad("country %q: want a two-letter ISO code such as RU", q.Country)
	case r.Type != "" && !slices.Contains(eventTypes, r.Type):
		return bad("type %q: want one of %s", r.Type, strings.Join(eventTypes, ", "))
	case r.MinSeverity < 0 || r.MinSeverity > 100:
		return bad("min_severity %d: want 0 to 100", r.MinSeverity)
	case r.MinSources < 0:
		return bad("min_sources %d: want 0 or more", r.MinSources)
	case r.Secret != "" && r.Webhook == "":
		return bad("secret signs webhooks: give webhook too")
	}
	if r.Webhook != "" {
		u, err := url.Parse(r.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad("webhook %q: want an http(s) URL", r.Webhook)
		}
	}
	return r, nil
}

func (s *Server) listRules(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	list, err := ws.Rules(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	views := make([]RuleView, len(list))
	for i, rule := range list {
		views[i] = ruleView(rule)
	}
	p, err := slicePage(w, r, views)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, p)
}

func (s *Server) getRule(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	id, err := pathID(r, "rule")
	var rule store.Rule
	if err == nil {
		rule, err = ws.Rule(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, r, ruleView(rule))
}

func (s *Server) postRule(w http.ResponseWriter, r *http.Request) {
	ws, ok := s.watches(w, r, false)
	if !ok {
		return
	}
	var req ruleRequest
	if err := decodeBody(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	rule, err := req.rule()
	if err == nil {
		rule, err = ws.AddRule(r.Context(), rule)
	}
	if errors.Is(err, store.ErrExists) {
		writeError(w, http.StatusConflict, "exists", fmt.Sprintf("a rule named %q exists already", req.Name))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/rules/"+strconv.FormatInt(rule.ID, 10))
	writeCreated(w, ruleView(rule))
}

func (s *Server) deleteRule(w http.ResponseWriter, r *http.Request) {
	s.remove(w, r, "rule", store.Watches.RemoveRule)
}

// rulesView is what the rules page shows: the rules, and the create form
// with what was typed and what was wrong with it.
type rulesView struct {
	Rules   []RuleView
	Types   []string
	Form    url.Values
	Error   string
	Created string // name of the rule just created
	Writes  bool   // the server takes writes at all
}

func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) {
	s.showRules(w, r, http.StatusOK, rulesView{Form: url.Values{}, Created: r.URL.Query().Get("created")})
}

func (s *Server) showRules(w http.ResponseWriter, r *http.Request, status int, v rulesView) {
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	list, err := ws.Rules(r.Context())
	if err != nil {
		s.failPage(w, r, err)
		return
	}
	for _, rule := range list {
		v.Rules = append(v.Rules, ruleView(rule))
	}
	v.Types, v.Writes = eventTypes, s.cfg.Token != ""
	if status == http.StatusOK {
		s.render(w, r, "rules", "Rules", v)
		return
	}
	s.renderRefused(w, r, status, "rules", "Rules", v)
}

// renderRefused answers a refused form with its page and the status,
// without an ETag: it is not a representation to cache.
func (s *Server) renderRefused(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	var buf strings.Builder
	if err := s.pages.byName[name].ExecuteTemplate(&buf, "layout", view{Title: title, Nav: s.nav, Path: r.URL.Path, Data: data}); err != nil {
		s.failPage(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write([]byte(buf.String()))
}

// keptForm is what a refused form shows again: what was typed but the
// token and the webhook secret, which never go into a page.
func keptForm(form url.Values) url.Values {
	kept := url.Values{}
	for k, v := range form {
		if k != "token" && k != "secret" {
			kept[k] = v
		}
	}
	return kept
}

// formToken checks the write token a form carries in its "token" field.
// The UI has no session: the token is typed into the form each time, so
// that a page of another site, which does not know it, cannot make a
// browser post a valid form (no cookie rides along to forge).
func (s *Server) formToken(r *http.Request) (int, string) {
	switch {
	case s.cfg.Token == "":
		return http.StatusForbidden, "Writes are disabled: start the server with TOCSIN_TOKEN set."
	case !tokenIs(r.PostFormValue("token"), s.cfg.Token):
		return http.StatusUnauthorized, "The write token is wrong."
	}
	return 0, ""
}

func (s *Server) postRuleForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.showRules(w, r, http.StatusBadRequest, rulesView{Form: url.Values{}, Error: "The form could not be read."})
		return
	}
	form := r.PostForm
	kept := keptForm(form)
	refuse := func(status int, msg string) {
		s.showRules(w, r, status, rulesView{Form: kept, Error: msg})
	}
	if status, msg := s.formToken(r); status != 0 {
		refuse(status, msg)
		return
	}
	req := ruleRequest{Name: form.Get("name"), Country: form.Get("country"), Entity: form.Get("entity"), Type: form.Get("type"),
		Webhook: form.Get("webhook"), Secret: form.Get("secret")}
	number := func(field string, into any) bool {
		v := strings.TrimSpace(form.Get(field))
		if v == "" {
			return true
		}
		var err error
		switch p := into.(type) {
		case *int:
			*p, err = strconv.Atoi(v)
		case *float64:
			*p, err = strconv.ParseFloat(v, 64)
		}
		if err != nil {
			refuse(http.StatusBadRequest, fmt.Sprintf("%s: %q is not a number.", field, v))
			return false
		}
		return true
	}
	var lat, lon float64
	if !number("min_severity", &req.MinSeverity) || !number("min_sources", &req.MinSources) ||
		!number("radius_km", &req.RadiusKm) || !number("lat", &lat) || !number("lon", &lon) {
		return
	}
	if strings.TrimSpace(form.Get("lat")) != "" || strings.TrimSpace(form.Get("lon")) != "" {
		req.Near = &store.Point{Lat: lat, Lon: lon}
	}
	rule, err := req.rule()
	if err != nil {
		refuse(http.StatusBadRequest, err.Error())
		return
	}
	ws, ok := s.watches(w, r, true)
	if !ok {
		return
	}
	rule, err = ws.AddRule(r.Context(), rule)
	switch {
	case errors.Is(err, store.ErrExists):
		refuse(http.StatusConflict, fmt.Sprintf("A rule named %q exists already.", strings.TrimSpace(req.Name)))
		return
	case err != nil:
		s.failPage(w, r, err)
		return
	}
	// Post/redirect/get: a reload does not post the form again.
	http.Redirect(w, r, "/rules?created="+url.QueryEscape(rule.Name), http.StatusSeeOther)
}
