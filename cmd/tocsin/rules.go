package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/watch"
)

func runRules(ctx context.Context, args []string) error {
	return subcommands("rules", args, map[string]func([]string) error{
		"add":    func(a []string) error { return runRulesAdd(ctx, a) },
		"list":   func(a []string) error { return runRulesList(ctx, a) },
		"remove": func(a []string) error { return runRulesRemove(ctx, a) },
	}, "add|list|remove")
}

func runRulesAdd(ctx context.Context, args []string) error {
	fs := newFlags("rules add", "--name N [flags]\n\nAdds a watch rule. Every criterion given must hold for an event to match (docs/alerts.md).")
	db := dbFlag(fs)
	format := formatFlag(fs)
	name := fs.String("name", "", "the rule's name (required, unique)")
	near := fs.String("near", "", "LAT,LON of a point; events within --radius km of it match")
	radius := fs.Float64("radius", 0, "radius around --near, in km")
	country := fs.String("country", "", "ISO 3166-1 alpha-2 code of the event's country")
	entity := fs.String("entity", "", "entity id (org:isis-k) or name the event must mention")
	typ := fs.String("type", "", "event type (armed_attack, bombing, disaster, …)")
	minSeverity := fs.Int("min-severity", 0, "least severity, 0–100")
	minSources := fs.Int("min-sources", 0, "least number of independent sources")
	webhook := fs.String("webhook", "", "URL to POST alerts to")
	secret := fs.String("secret", "", "key of the webhook's HMAC-SHA256 signature")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	r := store.Rule{Name: strings.TrimSpace(*name), RadiusKm: *radius, Country: strings.ToUpper(*country), Entity: *entity,
		Type: *typ, MinSeverity: *minSeverity, MinSources: *minSources, Webhook: *webhook, Secret: *secret}
	if err := checkRule(&r, *near); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err = st.AddRule(ctx, r)
	if errors.Is(err, store.ErrExists) {
		return fmt.Errorf("a rule named %q exists already", r.Name)
	}
	if err != nil {
		return err
	}
	if *format == "table" {
		fmt.Fprintf(os.Stderr, "rule %d added: %s\n", r.ID, watch.Describe(r))
		return nil
	}
	return printList(os.Stdout, *format, []store.Rule{r}, nil, nil)
}

// checkRule validates a rule given on the command line and sets its point.
func checkRule(r *store.Rule, near string) error {
	if r.Name == "" {
		return errors.New("--name is required")
	}
	if near != "" {
		lat, lon, ok := strings.Cut(near, ",")
		la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
		lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
		if !ok || err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
			return fmt.Errorf("--near %q: want LAT,LON in degrees, e.g. 55.75,37.62", near)
		}
		r.Near = &store.Point{Lat: la, Lon: lo}
	}
	if (r.Near != nil) != (r.RadiusKm > 0) {
		return errors.New("--near and --radius go together")
	}
	if r.Country != "" && (len(r.Country) != 2 || strings.Trim(r.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		return fmt.Errorf("--country %q: want a two-letter ISO code such as RU", r.Country)
	}
	if r.MinSeverity < 0 || r.MinSeverity > 100 {
		return fmt.Errorf("--min-severity %d: want 0 to 100", r.MinSeverity)
	}
	if r.MinSources < 0 {
		return fmt.Errorf("--min-sources %d: want 0 or more", r.MinSources)
	}
	if r.Webhook != "" {
		u, err := url.Parse(r.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--webhook %q: want an http(s) URL", r.Webhook)
		}
	}
	if r.Secret != "" && r.Webhook == "" {
		return errors.New("--secret signs webhooks: give --webhook too")
	}
	return nil
}

func runRulesList(ctx context.Context, args []string) error {
	fs := newFlags("rules list", "[flags]")
	db := dbFlag(fs)
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	st, err := openListing(ctx, *db, *format)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := st.Rules(ctx)
	if err != nil {
		return err
	}
	return printList(os.Stdout, *format, list, []string{"ID", "NAME", "MATCHES", "WEBHOOK"}, func(r store.Rule) []string {
		hook := r.Webhook
		if hook != "" && r.Secret != "" {
			hook += " (signed)"
		}
		return []string{strconv.FormatInt(r.ID, 10), cut(r.Name, 24), cut(watch.Describe(r), 70), cut(hook, 50)}
	})
}

func runRulesRemove(ctx context.Context, args []string) error {
	return runRemove(ctx, args, "rule", "[flags] ID\n\nRemoves a rule with its alerts and their delivery log.", func(st fullStore, id int64) error { return st.RemoveRule(ctx, id) })
}
