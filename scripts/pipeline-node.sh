#!/bin/sh
# Runs a pipeline bundle (dist/detect.cjs, ...) with the pipeline's memory settings: glibc malloc
# settings that return freed memory to the system, and V8's young generation kept small.
# lib/config/pipeline-memory.ts says why and holds the same values (a test checks that they agree).
# A value already set in the environment is kept.
: "${MALLOC_ARENA_MAX:=2}"
: "${MALLOC_MMAP_THRESHOLD_:=262144}"
case "${NODE_OPTIONS:-}" in
  *--max-semi-space-size*) ;;
  *) NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-semi-space-size=2" ;;
esac
export MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_ NODE_OPTIONS
exec node "$@"
