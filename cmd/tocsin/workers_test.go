package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tocsin/tocsin/internal/store"
	"github.com/tocsin/tocsin/internal/store/postgres"
)

// happenings are the events of the generated corpus: each in its own city,
// of its own kind, on its own day of one week (a worker resuming replays the
// events of recent weeks only), so that which reports belong together does
// not depend on the order they arrive in.
var happenings = []struct{ city, kind, what, who string }{
	{"Lyon", "flood", "The river burst its banks and flooded the lower town", "Mayor Gregory Doucet"},
	{"Porto", "fire", "A fire tore through a warehouse near the harbour", "fire chief Rui Moreira"},
	{"Krakow", "collapse", "A residential building collapsed in the old quarter", "governor Piotr Nowak"},
	{"Valencia", "storm", "A violent storm tore roofs off houses along the coast", "regional president Carlos Mazon"},
	{"Rotterdam", "explosion", "An explosion destroyed a shop in a busy street", "Mayor Ahmed Aboutaleb"},
	{"Graz", "landslide", "A landslide buried a road and several cars south of the city", "governor Christopher Drexler"},
	{"Bergen", "ferry accident", "A ferry ran aground in the fjord with passengers on board", "harbour master Lars Solberg"},
	{"Seville", "heatwave", "A heatwave pushed temperatures to record highs and hospitals filled", "health minister Catalina Garcia"},
}

// workerCorpus writes reports of the happenings, each report worded its own
// way, ordered so that every happening has reports in both halves, plus
// exact copies of some first-half reports in the second half: two workers
// on the halves must share events and find duplicates across each other.
func workerCorpus(t *testing.T, dir string, reports int) (all, first, second string, n int) {
	t.Helper()
	// Report r of every happening takes sentence r of each list, so that no
	// two reports of one happening share a sentence (they would be near
	// duplicates, and which copy is the original depends on order).
	openers := []string{
		"%s on Tuesday, officials said.",
		"Witnesses described scenes of chaos after %s.",
		"Local media reported that %s early in the morning.",
		"Rescue teams were still at work hours after %s.",
		"Residents were told to stay away after %s.",
		"Emergency services confirmed that %s.",
	}
	details := []string{
		"At least %d people were injured and %d were missing, according to %s.",
		"Hospitals admitted %d patients while %d others were unaccounted for, said %s.",
		"By nightfall %d people had been treated for injuries and %d families had left their homes, %s told reporters.",
		"The authorities counted %d injured; %d people spent the night in shelters, %s added.",
		"Some %d people needed medical care and %d homes were damaged, %s confirmed.",
		"Paramedics treated %d people at the scene and searched for %d more, %s said in a statement.",
	}
	closers := []string{
		"Schools and offices in the area stayed closed.",
		"Traffic was diverted around the centre for the rest of the day.",
		"An inquiry into the causes is expected to open next week.",
		"Volunteers collected food and blankets for those affected.",
		"The national government promised emergency funds.",
		"Insurers said claims were likely to be large.",
	}
	var lines []string
	var copies []string
	for r := range reports {
		for i, h := range happenings {
			day := time.Date(2024, 3, 10+i, 8+r, 0, 0, 0, time.UTC)
			what := strings.ToLower(h.what[:1]) + h.what[1:]
			body := fmt.Sprintf(openers[r%6], what) + " " +
				fmt.Sprintf(details[(r+1)%6], 10+r+i, 3+r, h.who) + " " +
				closers[(r+2)%6] + " " +
				fmt.Sprintf("The %s in %s was the worst the region had seen in years.", h.kind, h.city)
			rec, _ := json.Marshal(map[string]string{
				"id": fmt.Sprintf("%s-%d", strings.ToLower(h.city), r), "title": fmt.Sprintf("%s in %s", strings.ToUpper(h.kind[:1])+h.kind[1:], h.city),
				"text": body, "published": day.Format(time.RFC3339), "lang": "en", "source": fmt.Sprintf("paper%d.example", r),
			})
			lines = append(lines, string(rec))
			if r == 0 && i%3 == 0 {
				cp, _ := json.Marshal(map[string]string{
					"id": fmt.Sprintf("%s-copy", strings.ToLower(h.city)), "title": "Copy: " + h.city,
					"text": body, "published": day.Add(time.Hour).Format(time.RFC3339), "lang": "en", "source": "aggregator.example",
				})
				copies = append(copies, string(cp))
			}
		}
	}
	half := len(lines) / 2
	write := func(name string, ls []string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(ls, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	firstLines, secondLines := lines[:half], append(slices.Clone(lines[half:]), copies...)
	return write("all.jsonl", append(slices.Clone(firstLines), secondLines...)), write("first.jsonl", firstLines), write("second.jsonl", secondLines),
		len(lines) + len(copies)
}

// partition returns a store's events as sorted sets of the fingerprints of
// their articles: what two stores built in different orders can share, as
// which copy of a text is the original depends on which came first.
func partition(t *testing.T, st store.Store) []string {
	t.Helper()
	events, err := st.Events(context.Background(), store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		arts, err := st.EventArticles(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var fps []string
		for _, a := range arts {
			fps = append(fps, a.Article.Fingerprint[:8])
		}
		slices.Sort(fps)
		out = append(out, strings.Join(fps, ","))
	}
	slices.Sort(out)
	return out
}

// ingestCmd starts 'tocsin ingest' as a separate process.
func ingestCmd(t *testing.T, db, input string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "ingest", "--quiet", "--batch", "2", "--db", db, input)
	cmd.Env = append(os.Environ(), "TOCSIN_AS_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s: %s", strings.Join(cmd.Args[1:], " "), stderr.String())
		}
	})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestWorkerKilled runs two ingest workers on the halves of a corpus into
// one PostgreSQL database, kills one of them (SIGKILL) after its first
// commits, and starts it again on its half. Afterwards every article must
// be stored exactly once and the events must equal those of one worker
// ingesting the whole corpus: the same articles grouped the same way.
func TestWorkerKilled(t *testing.T) {
	ctx := context.Background()
	single, shared := postgresDB(t), postgresDB(t)
	all, first, second, total := workerCorpus(t, t.TempDir(), 6)

	if err := ingestCmd(t, single, all).Wait(); err != nil {
		t.Fatalf("single worker: %v", err)
	}
	a, b := ingestCmd(t, shared, first), ingestCmd(t, shared, second)
	st, err := postgres.Open(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Kill b as soon as some of its articles are committed.
	stored := func() int {
		list, err := st.Articles(ctx, store.ArticleQuery{Duplicates: true})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, a := range list {
			if a.Origin == second {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(time.Minute)
	for stored() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := b.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	b.Wait()
	half := total - len(strings.Split(strings.TrimSpace(readFile(t, first)), "\n"))
	if n := stored(); n == 0 || n >= half {
		t.Fatalf("killed worker had stored %d of its %d articles; want it killed mid-way", n, half)
	}
	if err := a.Wait(); err != nil {
		t.Fatalf("worker on the first half: %v", err)
	}
	if err := ingestCmd(t, shared, second).Wait(); err != nil {
		t.Fatalf("restarted worker: %v", err)
	}

	var ids []string
	err = st.Dump(ctx, func(r store.Replayed) error {
		ids = append(ids, r.Article.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(strings.TrimSpace(readFile(t, all)), "\n") {
		var rec struct{ ID string }
		json.Unmarshal([]byte(l), &rec)
		want = append(want, rec.ID)
	}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Errorf("stored %d articles, want each of the %d inputs exactly once:\ngot  %v\nwant %v", len(ids), len(want), ids, want)
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.Duplicates != len(happenings)/3+1 {
		t.Errorf("duplicates = %d, %v; want the %d copies", stats.Duplicates, err, len(happenings)/3+1)
	}

	one, err := postgres.Open(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	got, wantEvents := partition(t, st), partition(t, one)
	if !slices.Equal(got, wantEvents) {
		t.Errorf("two workers (one killed) made %d events:\n%s\none worker made %d:\n%s",
			len(got), strings.Join(got, "\n"), len(wantEvents), strings.Join(wantEvents, "\n"))
	}

	// Exactly: the workers' events are those one clusterer makes of the
	// articles in the order the workers committed them (which 'tocsin
	// recluster' replays), event ids included.
	before := membership(t, st)
	if _, stderr, code := tocsin(t, nil, "recluster", "--db", shared); code != 0 {
		t.Fatalf("recluster: exit %d: %s", code, stderr)
	}
	if after := membership(t, st); !maps.Equal(before, after) {
		t.Errorf("workers' events differ from one clusterer's in commit order:\nworkers %v\nreclustered %v", before, after)
	}
}

// membership maps each article in an event to the event's id.
func membership(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	events, err := st.Events(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range events {
		arts, err := st.EventArticles(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			out[a.Article.ID] = e.ID
		}
	}
	return out
}

func readFile(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
