//! Compiles the C shim that gives Rust access to Perl's API macros.
//!
//! The shim must be built exactly as perl itself was (same CORE headers,
//! same ccflags), so everything is asked of the perl that will load us:
//! `$PERL` when set (MakeMaker passes `$(FULLPERL)`), `perl` otherwise.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn perl_config(perl: &str, key: &str) -> String {
    let out = Command::new(perl)
        .args(["-MConfig", "-e", &format!("print $Config{{{key}}}")])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {perl} to read $Config{{{key}}}: {e}"));
    assert!(out.status.success(), "{perl} failed reading $Config{{{key}}}");
    String::from_utf8(out.stdout).expect("perl config is not UTF-8")
}

/// The XS version the boot handshake checks against `$Sys::Virt::VERSION`.
fn module_version(manifest_dir: &PathBuf) -> String {
    let pm = manifest_dir.join("lib/Sys/Virt.pm");
    let text = std::fs::read_to_string(&pm).expect("lib/Sys/Virt.pm is missing");
    text.lines()
        .find_map(|line| {
            let rest = line.trim().strip_prefix("our $VERSION = '")?;
            Some(rest.split('\'').next()?.to_string())
        })
        .expect("no `our $VERSION = '...'` line in lib/Sys/Virt.pm")
}

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let perl = env::var("PERL").unwrap_or_else(|_| "perl".to_string());
    println!("cargo:rerun-if-env-changed=PERL");
    println!("cargo:rerun-if-changed=src/bridge/shim.c");
    println!("cargo:rerun-if-changed=src/bridge/layout.c");
    println!("cargo:rerun-if-changed=lib/Sys/Virt.pm");

    let core = PathBuf::from(perl_config(&perl, "archlibexp")).join("CORE");
    let version = module_version(&manifest_dir);

    let mut build = cc::Build::new();
    build
        .file("src/bridge/shim.c")
        .include(&core)
        .define("PERL_NO_GET_CONTEXT", None)
        .define("XS_VERSION", Some(format!("\"{version}\"").as_str()))
        .pic(true)
        .warnings(false);
    for flag in perl_config(&perl, "ccflags").split_whitespace() {
        build.flag(flag);
    }
    for flag in perl_config(&perl, "optimize").split_whitespace() {
        build.flag(flag);
    }
    build.compile("sys_virt_shim");

    write_layout(&build, &perl);
}

/// Builds and runs src/bridge/layout.c with the shim's compiler and flags,
/// and keeps what it prints (the offsets of this perl's interpreter and
/// scalar fields) as `$OUT_DIR/perl_layout.rs`.
fn write_layout(build: &cc::Build, perl: &str) {
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let program = out_dir.join("perl-layout");
    let compiler = build.get_compiler();
    let mut cmd = compiler.to_command();
    cmd.arg("src/bridge/layout.c").arg("-o").arg(&program);
    for flag in perl_config(perl, "ldflags").split_whitespace() {
        cmd.arg(flag);
    }
    let status = cmd.status().expect("cannot run the C compiler for src/bridge/layout.c");
    assert!(status.success(), "src/bridge/layout.c does not compile against this perl");
    let out = Command::new(&program).output().expect("cannot run the perl layout probe");
    assert!(out.status.success(), "the perl layout probe failed");
    std::fs::write(out_dir.join("perl_layout.rs"), out.stdout).expect("cannot write perl_layout.rs");
}
