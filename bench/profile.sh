#!/usr/bin/env bash
# Where a JFR recording's CPU went (`./inbox bench profile`): reads the recording's execution
# samples and prints, as Markdown, each layer's share (a sample counts for its nearest frame
# outside the JDK: Grizzly, Jersey, HK2, Weld, Hibernate, the project's own code, ...), the share
# of samples with each named frame on the stack, and the executing methods with the most samples.
# Reads only the files it is given; starts nothing.
#
# Usage: bench/profile.sh FILE.jfr[,FILE.jfr...] [--frames NAME,...] [--exclude NAME,...]
#                         [--within NAME,...] [--top N]
#   --frames   class or method names (substrings of class.method) whose inclusive share to print
#   --exclude  leave out every sample with such a frame on the stack (e.g. LoginResource: a
#              benchmark's own logins)
#   --within   count only the samples with such a frame on the stack (e.g. CustomerResource: one
#              kind of request)
#   --top      how many frames and executing methods to list (15)
# ./inbox bench --jfr 1 runs it on its two profiles and appends the result to its report.
set -euo pipefail

# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
  usage
fi
files="$1"
shift
require_tools java
build_load_generator
load_generator JfrBreakdown --jfr "$files" "$@"
