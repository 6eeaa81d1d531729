package store_test

import (
	"os"
	"strings"
	"testing"
)

// Migrations are applied by number alone, so two files with one number
// would silently leave one unapplied; and both stores keep the same numbers
// so that a version means the same schema in either.
func TestMigrationNumbers(t *testing.T) {
	versions := map[string][]string{}
	for _, dir := range []string{"sqlite/migrations", "postgres/migrations"} {
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]string{}
		for _, f := range files {
			num, name, ok := strings.Cut(f.Name(), "_")
			if !ok || !strings.HasSuffix(name, ".sql") {
				t.Errorf("%s/%s: want NNNN_name.sql", dir, f.Name())
				continue
			}
			if other, dup := seen[num]; dup {
				t.Errorf("%s: %s and %s share version %s", dir, other, f.Name(), num)
			}
			seen[num] = f.Name()
			versions[dir] = append(versions[dir], f.Name())
		}
	}
	a, b := versions["sqlite/migrations"], versions["postgres/migrations"]
	if strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("the stores' migrations differ:\nsqlite   %v\npostgres %v", a, b)
	}
}
