package watch

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tocsin/tocsin/internal/fetch"
	"github.com/tocsin/tocsin/internal/store"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook body, keyed with
// the rule's secret: "sha256=" and the lowercase hex digest.
const SignatureHeader = "X-Tocsin-Signature"

// WebhookOptions configure webhook delivery. Zero values mean the defaults.
type WebhookOptions struct {
	Fetch    fetch.Options // address policy and limits; private addresses are refused unless allowed
	Attempts int           // tries before giving up; default 5
	Backoff  time.Duration // wait before the second try, doubled for each next; default 2s
	MaxWait  time.Duration // longest wait between tries, Retry-After included; default 5m
	// BaseURL, when set, makes the payload's link: BaseURL/events/{id}.
	BaseURL string
}

// Payload is the JSON body of a webhook (docs/alerts.md).
type Payload struct {
	Rule  PayloadRule `json:"rule"`
	Alert store.Alert `json:"alert"` // event id, title, type, place, severity, sources and figures
	Link  string      `json:"link,omitempty"`
}

// PayloadRule names the rule that raised an alert.
type PayloadRule struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Webhook delivers alerts as signed JSON POSTs and logs every attempt.
type Webhook struct {
	st     store.Watches
	opts   WebhookOptions
	client *fetch.Client

	delivered, failed, gaveUp atomic.Int64
}

// NewWebhook returns a Webhook logging its attempts in st.
func NewWebhook(st store.Watches, opts WebhookOptions) *Webhook {
	if opts.Attempts <= 0 {
		opts.Attempts = 5
	}
	if opts.Backoff <= 0 {
		opts.Backoff = 2 * time.Second
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 5 * time.Minute
	}
	if opts.Fetch.Timeout <= 0 {
		opts.Fetch.Timeout = 15 * time.Second
	}
	if opts.Fetch.MaxSize <= 0 {
		opts.Fetch.MaxSize = 64 << 10 // the receiver's answer is only logged
	}
	return &Webhook{st: st, opts: opts, client: fetch.New(opts.Fetch)}
}

// Sign returns the signature header value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Body is the payload of an alert raised by rule, as sent.
func (w *Webhook) Body(rule store.Rule, a store.Alert) ([]byte, error) {
	p := Payload{Rule: PayloadRule{ID: rule.ID, Name: rule.Name}, Alert: a}
	if w.opts.BaseURL != "" {
		p.Link = strings.TrimRight(w.opts.BaseURL, "/") + "/events/" + a.Event
	}
	return json.Marshal(p)
}

// Deliver posts an alert to its rule's webhook, retrying network errors,
// 429 and 5xx answers with exponential backoff (and the receiver's
// Retry-After, when longer) up to Attempts tries. Each attempt is logged.
func (w *Webhook) Deliver(ctx context.Context, rule store.Rule, a store.Alert) error {
	body, err := w.Body(rule, a)
	if err != nil {
		return err
	}
	// A redelivery goes on numbering the attempts in the log.
	prior, err := w.st.Deliveries(ctx, a.ID)
	if err != nil {
		return err
	}
	wait := w.opts.Backoff
	var last error
	for i := 1; i <= w.opts.Attempts; i++ {
		d := store.Delivery{Alert: a.ID, Attempt: len(prior) + i, Target: rule.Webhook, Time: time.Now()}
		retry, status, again, err := w.post(ctx, rule, body)
		d.Status = status
		if err != nil {
			d.Error = err.Error()
		} else {
			d.OK = true
		}
		if lerr := w.st.LogDelivery(context.WithoutCancel(ctx), d); lerr != nil {
			return lerr
		}
		if err == nil {
			w.delivered.Add(1)
			return nil
		}
		w.failed.Add(1)
		last = err
		if !again || i == w.opts.Attempts {
			break
		}
		// Equal jitter: receivers that failed together are not retried together.
		pause := min(max(wait/2+time.Duration(rand.Float64()*float64(wait/2)), retry), w.opts.MaxWait)
		select {
		case <-ctx.Done():
			return fmt.Errorf("webhook %s: %w", rule.Webhook, ctx.Err())
		case <-time.After(pause):
		}
		wait *= 2
	}
	w.gaveUp.Add(1)
	return fmt.Errorf("webhook %s: gave up: %w", rule.Webhook, last)
}

// post sends one attempt. again tells a failure worth another try: a
// network error, too many requests, or a server error; not a refused
// address, a malformed URL or another 4xx, which trying again won't mend.
func (w *Webhook) post(ctx context.Context, rule store.Rule, body []byte) (retry time.Duration, status int, again bool, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, rule.Webhook, bytes.NewReader(body))
	if err != nil {
		return 0, 0, false, err
	}
	req.Header.Set("Content-Type", "application/json")
	if rule.Secret != "" {
		req.Header.Set(SignatureHeader, Sign(rule.Secret, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return 0, resp.Status, !errors.Is(err, fetch.ErrPrivateAddress) && !strings.HasPrefix(err.Error(), "not an http(s) URL"), err
	}
	if resp.Status < 200 || resp.Status > 299 {
		again := resp.Status == http.StatusTooManyRequests || resp.Status >= 500
		return retryAfter(resp.Header), resp.Status, again, fmt.Errorf("HTTP %d %s", resp.Status, http.StatusText(resp.Status))
	}
	return 0, resp.Status, false, nil
}

// retryAfter reads Retry-After given in seconds or as an HTTP date.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var n int
	if _, err := fmt.Sscanf(v, "%d", &n); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}
