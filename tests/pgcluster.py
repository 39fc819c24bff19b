"""pgcluster.py -- a throwaway PostgreSQL cluster for the store's tests: initdb
in a temporary directory, a server listening only on a Unix socket there (no
TCP port), databases made with psql, and everything stopped and removed at
the end.  PostgreSQL refuses to run as root, so as root the server runs as
the `postgres` user Debian's package creates.

    c = Cluster(tmpdir); why = c.start()   # None, or why it cannot run
    uri = c.createdb("t1")                 # postgresql:///t1?host=...&user=...
    c.psql(uri, "SELECT 1"); c.stop()
"""
import glob
import os
import pwd
import shutil
import subprocess


class Cluster:
    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "pg")
        self.sock = os.path.join(tmp, "pgsock")
        self.bin = None
        self.user = None
        self.running = False

    def _as_user(self, argv):
        if os.geteuid() == 0:
            return ["runuser", "-u", self.user, "--"] + argv
        return argv

    def start(self):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            return "no PostgreSQL server installed (Debian package postgresql; sh scripts/install-deps.sh)"
        self.bin = os.path.dirname(found[-1])
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                return "running as root and there is no postgres user to run the server as"
            self.user = "postgres"
        else:
            self.user = pwd.getpwuid(os.geteuid()).pw_name
        for d in (self.dir, self.sock):
            os.makedirs(d, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(d, self.user)
        parent = os.path.dirname(self.dir)
        os.chmod(parent, 0o755)
        p = subprocess.run(self._as_user([f"{self.bin}/initdb", "-D", self.dir, "-U", self.user, "--auth=trust",
                                          "-E", "UTF8", "--locale=C", "--no-sync"]),
                           capture_output=True, text=True)
        if p.returncode:
            return f"initdb failed: {p.stderr.strip()[-300:]}"
        opts = f"-c listen_addresses='' -k {self.sock} -c fsync=off -c max_connections=40"
        p = subprocess.run(self._as_user([f"{self.bin}/pg_ctl", "-D", self.dir, "-o", opts, "-l",
                                          os.path.join(self.dir, "log"), "-w", "-t", "60", "start"]),
                           capture_output=True, text=True)
        if p.returncode:
            return f"pg_ctl start failed: {p.stderr.strip()[-300:]}"
        self.running = True
        return None

    def uri(self, db):
        return f"postgresql:///{db}?host={self.sock}&user={self.user}"

    def psql(self, uri, sql):
        p = subprocess.run([f"{self.bin}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", uri, "-c", sql],
                           capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError(f"psql: {p.stderr.strip()}")
        return p.stdout

    def createdb(self, name):
        self.psql(self.uri("postgres"), f"CREATE DATABASE {name}")
        return self.uri(name)

    def stop(self):
        if self.running:
            subprocess.run(self._as_user([f"{self.bin}/pg_ctl", "-D", self.dir, "-m", "immediate", "-w", "stop"]),
                           capture_output=True)
            self.running = False
