//! Installing what is missing: Debian packages, the wasm target, Trunk, wasm-bindgen-cli, and a
//! PostgreSQL server when none answers.

use std::{
    net::{TcpStream, ToSocketAddrs},
    path::PathBuf,
    process::Command,
    time::Duration,
};

use crate::Result;

/// The Trunk release that builds with the pinned toolchain.
const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen release whose wasm-opt Trunk uses (named in trunk.toml as `version_132`).
const BINARYEN_VERSION: &str = "132.0.0";
/// The axe-core release the accessibility test injects.
const AXE_VERSION: &str = "4.14.1";
/// Where a private PostgreSQL server listens when the machine has none.
const PRIVATE_PG_PORT: u16 = 55432;

/// The workspace root: of the checkout `cargo xtask` runs in (cargo sets `CARGO_MANIFEST_DIR`
/// when it runs the binary too), not of whichever checkout built it into a shared target
/// directory.
pub fn root() -> PathBuf {
    let manifest =
        std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest.parent().map(PathBuf::from).unwrap_or_default()
}

/// Tools installed from npm live here, outside the checkout, so every clone shares them.
pub fn tools_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp"));
    home.join(".cache/tilts-tools")
}

/// `PATH` with the npm tools first (Trunk looks up wasm-opt there).
pub fn path_with_tools() -> std::ffi::OsString {
    let mut paths = vec![tools_dir().join("node_modules/.bin")];
    paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    std::env::join_paths(paths).unwrap_or_default()
}

/// Runs a command, failing with its name when it fails.
pub fn run(command: &mut Command) -> Result {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{command:?} failed: {status}")) }
}

/// Runs `cargo` in the workspace.
pub fn cargo(args: &[&str]) -> Result {
    run(Command::new("cargo").args(args).current_dir(root()))
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// What this machine has.
pub struct Setup {
    root: bool,
}

impl Setup {
    /// Looks at the machine.
    pub fn new() -> Result<Setup> {
        Ok(Setup { root: is_root() })
    }

    fn privileged(&self, program: &str) -> Command {
        if self.root {
            Command::new(program)
        } else {
            let mut c = Command::new("sudo");
            c.arg(program);
            c
        }
    }

    /// Installs the Debian packages that are not installed yet (one `apt-get` call).
    pub fn apt(&self, packages: &[&str]) -> Result {
        let missing: Vec<&str> = packages
            .iter()
            .copied()
            .filter(|p| {
                !output("dpkg-query", &["-W", "-f=${Status}", p]).is_some_and(|s| s.contains("install ok installed"))
            })
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        println!("xtask: installing {}", missing.join(" "));
        run(self.privileged("apt-get").args(["update", "-qq"]))?;
        run(self
            .privileged("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing))
    }

    fn wasm_target(&self) -> Result {
        let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
        if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
            return Ok(());
        }
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]).current_dir(root()))
    }

    /// Everything the tests need besides PostgreSQL and the PWA tools: an SMTP server,
    /// Chromium with its WebDriver, and axe-core.
    pub fn test_services(&self) -> Result {
        self.apt(&["python3-aiosmtpd", "chromium", "chromium-driver"])?;
        self.wasm_target()?;
        if !tools_dir().join("node_modules/axe-core/axe.min.js").is_file() {
            self.npm_package("axe-core", AXE_VERSION)?;
        }
        Ok(())
    }

    /// Trunk, wasm-bindgen-cli (the version in Cargo.lock), wasm-opt, gzip and brotli.
    pub fn pwa_tools(&self) -> Result {
        self.apt(&["brotli", "gzip"])?;
        self.wasm_target()?;
        self.npm_tool("binaryen", BINARYEN_VERSION, "wasm-opt", &format!("version_{BINARYEN_VERSION}"))?;
        let trunk = output("trunk", &["--version"]).unwrap_or_default();
        if !trunk.contains(TRUNK_VERSION) {
            cargo(&["install", "--locked", "trunk", "--version", TRUNK_VERSION])?;
        }
        let wanted = locked_version("wasm-bindgen")?;
        let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
        if !have.split_whitespace().any(|w| w == wanted) {
            // Its own lock file names crates this index may lack, so not --locked.
            cargo(&["install", "wasm-bindgen-cli", "--version", &wanted, "--force"])?;
        }
        Ok(())
    }

    /// Installs an npm package into [`tools_dir`] unless `binary --version` already mentions `expect`.
    pub fn npm_tool(&self, package: &str, version: &str, binary: &str, expect: &str) -> Result {
        let bin = tools_dir().join("node_modules/.bin").join(binary);
        let have = output(&bin.to_string_lossy(), &["--version"]).unwrap_or_default();
        if have.contains(expect) {
            return Ok(());
        }
        self.npm_package(package, version)
    }

    /// Installs `package@version` into [`tools_dir`] (npm itself from Debian when missing).
    pub fn npm_package(&self, package: &str, version: &str) -> Result {
        if output("npm", &["--version"]).is_none() {
            self.apt(&["nodejs", "npm"])?;
        }
        let dir = tools_dir();
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--silent", "--prefix"])
            .arg(&dir)
            .arg(format!("{package}@{version}")))
    }

    /// A PostgreSQL URL for the tests: `TILTS_TEST_POSTGRES_URL` when it answers, else a private
    /// server started here (installing PostgreSQL when the machine has none).
    pub fn postgres(&self) -> Result<String> {
        let url = std::env::var("TILTS_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
        if answers(&url) {
            return Ok(url);
        }
        let private = format!("postgres://postgres@127.0.0.1:{PRIVATE_PG_PORT}/postgres");
        if answers(&private) {
            return Ok(private);
        }
        println!("xtask: no PostgreSQL answers at {url}; starting one on port {PRIVATE_PG_PORT}");
        if pg_bin_dir().is_none() {
            self.apt(&["postgresql"])?;
        }
        let bin = pg_bin_dir().ok_or("PostgreSQL binaries not found under /usr/lib/postgresql")?;
        let data = PathBuf::from("/tmp/tilts-test-postgres");
        let as_owner = |program: PathBuf| -> Command {
            if self.root {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(program);
                c
            } else {
                Command::new(program)
            }
        };
        if !data.join("PG_VERSION").is_file() {
            std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
            if self.root {
                run(Command::new("chown").args(["postgres:postgres"]).arg(&data))?;
            }
            run(as_owner(bin.join("initdb"))
                .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "-D"])
                .arg(&data))?;
        }
        run(as_owner(bin.join("pg_ctl")).arg("-D").arg(&data).args([
            "-l",
            "/tmp/tilts-test-postgres.log",
            "-w",
            "-o",
            &format!("-p {PRIVATE_PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"),
            "start",
        ]))?;
        if answers(&private) { Ok(private) } else { Err("the private PostgreSQL server did not start".into()) }
    }
}

fn answers(url: &str) -> bool {
    let Some(host_port) = url.split('@').nth(1).and_then(|rest| rest.split('/').next()) else {
        return false;
    };
    host_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
}

fn pg_bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&needle).ok_or(format!("{package} is not in Cargo.lock"))? + needle.len();
    Ok(lock[start..].chars().take_while(|c| *c != '"').collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_locked_wasm_bindgen_version_is_found() {
        let version = super::locked_version("wasm-bindgen").unwrap_or_default();
        assert!(version.starts_with("0.2."), "{version}");
    }
}
