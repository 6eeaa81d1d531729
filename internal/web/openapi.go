package web

import (
	_ "embed"
	"net/http"
)

// openAPI documents every API route; TestOpenAPICoversRoutes keeps it
// complete.
//
//go:embed assets/openapi.json
var openAPI []byte

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	writeTagged(w, r, "application/json", openAPI)
}
