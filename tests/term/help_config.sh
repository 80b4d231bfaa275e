#!/bin/bash
# lapor.conf is read (a rebinding works, a bad line is reported with its
# file and line and skipped), ? lists the bindings of the view from the
# action table, and the F-key bar shows the main actions.
. "$(dirname "$0")/lib.sh"

demo 50
mkdir -p "$XDG_CONFIG_HOME/lapor"
cat >"$XDG_CONFIG_HOME/lapor/lapor.conf" <<'CONF'
# test configuration
bind list x help
frobnicate now
color overdue white red bold
CONF
start 100 30
wait_for "lapor.conf:3: unknown command \"frobnicate\""
wait_line 30 "F1Help"
screen | sed -n 30p | grep -qF "F2Reply" || fail "F-key bar lacks F2 Reply"
keys x
wait_for "Keys: list"
screen | grep -E "^ *R, <F2> +reply" >/dev/null || fail "help lacks the reply binding"
screen | grep -E "^ *x, \?, <F1> +help" >/dev/null || fail "help lacks x"
# The help is longer than 30 rows: Space pages on.
screen | grep -E "^ *K, <F7> +claim" >/dev/null || keys Space
screen | grep -E "^ *K, <F7> +claim" >/dev/null || fail "help lacks the claim binding"
keys q
wait_gone "Keys: list"
# The case view has its own keymap (Left goes back).
keys Enter
wait_for "Escalation"
keys '?'
wait_for "Keys: case"
screen | grep -E "<Left>" | grep -q quit || fail "case help lacks <Left>"
keys q
keys Left
wait_gone "Escalation"
quit_console
echo "ok: help and configuration"
