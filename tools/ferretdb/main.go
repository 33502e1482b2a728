// Command ferretdb-launcher runs an embedded FerretDB v1 on 127.0.0.1, on
// its PostgreSQL backend (a cluster it runs itself, see postgres.go) or its
// SQLite backend, and prints one JSON line {"uri": "..."} once it accepts
// connections. It stops when its standard input closes or on SIGINT/SIGTERM,
// so a parent process that dies never leaves it running.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dir := flag.String("dir", ".data", "directory for the database files")
	addr := flag.String("addr", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn or error")
	backend := flag.String("backend", "sqlite", "sqlite, or postgresql (needs -pg-bin)")
	pgBin := flag.String("pg-bin", "", "folder of the PostgreSQL binaries initdb and postgres")
	flag.Parse()

	if err := run(*dir, *addr, *logLevel, *backend, *pgBin); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-launcher:", err)
		os.Exit(1)
	}
}

func run(dir, addr, logLevel, backend, pgBin string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	// The folders above the data folder are created traversable (0755), as mkdir -p would: run as
	// root, PostgreSQL runs as "postgres" and must reach its own folder below them. The data folder
	// itself is private (0700; postgres.go opens it to 0711 for that user).
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(abs, 0o700); err != nil && !os.IsExist(err) {
		return err
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return err
	}
	// FerretDB logs to stderr only; queries and documents are never logged at
	// the default "error" level, which keeps personal values out of logs.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: addr}, Logger: logger}
	switch backend {
	case "sqlite":
		config.Handler = "sqlite"
		config.SQLiteURL = (&url.URL{Scheme: "file", Path: abs + "/"}).String()
	case "postgresql":
		pg, err := newPgCluster(pgBin, abs)
		if err != nil {
			return err
		}
		if err := pg.ensureInitialised(); err != nil {
			return err
		}
		if err := pg.start(30 * time.Second); err != nil {
			return err
		}
		defer pg.stop()
		config.Handler = "postgresql"
		config.PostgreSQLURL = pg.URL()
		indexCtx, stopIndexes := context.WithCancel(context.Background())
		defer stopIndexes()
		go keepPushdownIndexes(indexCtx, pg.URL(), time.Second, logger)
	default:
		return fmt.Errorf("unknown backend %q: sqlite or postgresql", backend)
	}
	f, err := ferretdb.New(config)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Stop when the parent closes our stdin (it exited or wants us gone).
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	uri := f.MongoDBURI()
	if err := waitReady(uri, 10*time.Second); err != nil {
		return err
	}
	line, _ := json.Marshal(map[string]string{"uri": uri, "dir": abs})
	fmt.Println(string(line))

	return <-done
}

// waitReady dials the listener until it accepts a TCP connection.
func waitReady(uri string, timeout time.Duration) error {
	u, err := url.Parse(uri)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for {
		c, err := net.DialTimeout("tcp", u.Host, time.Second)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("FerretDB did not accept connections on %s: %w", u.Host, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
