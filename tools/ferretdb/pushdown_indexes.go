package main

// Why this file: FerretDB v1 on PostgreSQL pushes a root equality down as
// `_jsonb->'field' @> $value`, but the indexes it creates for createIndex
// are btree indexes on `(_jsonb->'field')`, which `@>` cannot use. So every
// pushed-down read, even `{_id}`, scans the whole table: 24 ms for one of
// 3,074 fiches, about 8 µs a row (measured, docs/embedded-database.md).
// Beside every such btree index, the launcher keeps a GIN index on the same
// root field (jsonb_path_ops, made for `@>`): the same read takes 0.04 ms.
// FerretDB never sees these indexes (it lists its own from its metadata),
// they go when their table goes, and they hold no data of their own.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// rootField matches a btree key FerretDB makes for a root field, as
// pg_get_indexdef prints it: ((_jsonb -> 'orgIds'::text)).
var rootField = regexp.MustCompile(`^\(\(_jsonb -> '([^']+)'::text\)\)$`)

// missingGinIndexes lists, for every btree key on a root field of a table
// in a FerretDB schema, the GIN index that should sit beside it.
const keysQuery = `
SELECT n.nspname, c.relname, pg_get_indexdef(x.indexrelid, k.n, false)
FROM pg_index x
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
CROSS JOIN LATERAL generate_series(1, x.indnkeyatts) AS k(n)
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`

// keepPushdownIndexes runs until ctx ends: once at once, then every
// `every`, it creates the GIN indexes that are missing. Errors are logged,
// never fatal: without the index a read is slower, never wrong.
func keepPushdownIndexes(ctx context.Context, url string, every time.Duration, logger *slog.Logger) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		logger.Warn("pushdown indexes: cannot connect", "error", err)
		return
	}
	defer conn.Close(context.Background())
	made := map[string]bool{}
	for {
		if err := ensureGinIndexes(ctx, conn, made); err != nil && ctx.Err() == nil {
			logger.Warn("pushdown indexes", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

func ensureGinIndexes(ctx context.Context, conn *pgx.Conn, made map[string]bool) error {
	rows, err := conn.Query(ctx, keysQuery)
	if err != nil {
		return err
	}
	type key struct{ schema, table, field string }
	var wanted []key
	for rows.Next() {
		var schema, table, def string
		if err := rows.Scan(&schema, &table, &def); err != nil {
			rows.Close()
			return err
		}
		if m := rootField.FindStringSubmatch(def); m != nil {
			wanted = append(wanted, key{schema, table, m[1]})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var last error
	for _, k := range wanted {
		sum := sha256.Sum256([]byte(k.schema + "." + k.table + "." + k.field))
		name := "pushdown_" + hex.EncodeToString(sum[:12])
		if made[name] {
			continue
		}
		sql := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s USING gin ((_jsonb -> %s) jsonb_path_ops)`,
			pgx.Identifier{name}.Sanitize(), pgx.Identifier{k.schema, k.table}.Sanitize(), quoteLiteral(k.field))
		if _, err := conn.Exec(ctx, sql); err != nil {
			// The table may have been dropped meanwhile: the others go on, and this one is tried again next round.
			last = fmt.Errorf("%s.%s (%s): %w", k.schema, k.table, k.field, err)
			continue
		}
		made[name] = true
	}
	return last
}

// quoteLiteral quotes a field name as an SQL string literal.
func quoteLiteral(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}
