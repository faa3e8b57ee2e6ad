#!/usr/bin/perl
# Used by `make dist`: after `cargo vendor` has filled DISTDIR/vendor, makes
# DISTDIR/.cargo/config.toml point cargo at those crates instead of the
# registry, and lists the vendored files in DISTDIR/MANIFEST.
use strict;
use warnings;
use File::Find ();
use ExtUtils::Manifest ();

my $dist = shift or die "usage: $0 DISTDIR\n";
-d "$dist/vendor" or die "$0: $dist/vendor is missing (cargo vendor failed?)\n";

open my $config, '>', "$dist/.cargo/config.toml" or die "$dist/.cargo/config.toml: $!\n";
print {$config} <<'TOML';
# The crates this distribution builds with, shipped in vendor/ with their
# checksums: no registry is needed to build it.
[source.crates-io]
replace-with = "vendored-sources"

[source.vendored-sources]
directory = "vendor"

[net]
offline = true
TOML
close $config or die "$dist/.cargo/config.toml: $!\n";

my %files = ('.cargo/config.toml' => 'cargo: build with the vendored crates');
File::Find::find({ no_chdir => 1, wanted => sub {
    return unless -f $_;
    (my $rel = $_) =~ s{^\Q$dist\E/}{};
    $files{$rel} = 'vendored Rust crate';
} }, "$dist/vendor");

chdir $dist or die "$dist: $!\n";
ExtUtils::Manifest::maniadd(\%files);
printf "vendored %d files of Rust crates into %s\n", scalar(keys %files) - 1, $dist;
