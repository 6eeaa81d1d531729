package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPICoversRoutes checks that the document parses and documents
// every API route the server registers, and nothing it does not.
func TestOpenAPICoversRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	e := newEnv(t, nil)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, pattern := range e.srv.Routes() {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || !(strings.HasPrefix(path, "/api/") || path == "/healthz" || path == "/metrics") {
			continue // the UI's pages and the /api/ catch-all
		}
		registered[pattern] = true
		if !documented[method+" "+path] {
			t.Errorf("route %s is not in openapi.json", pattern)
		}
	}
	for op := range documented {
		if !registered[op] {
			t.Errorf("openapi.json documents %s, which the server does not serve", op)
		}
	}
	if len(registered) < 12 {
		t.Errorf("only %d API routes registered", len(registered))
	}
}
