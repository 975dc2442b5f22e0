#!/bin/sh
# Creates or updates the services' own RabbitMQ users with the rights in service-users.conf,
# through the management HTTP API as the admin RABBITMQ_USER. Idempotent: compose's rabbitmq-users
# step runs it on every `up`, and a changed password or rule replaces the old one. The whole file
# is checked before anything is changed.
#
# Environment:
#   RABBITMQ_MANAGEMENT_URL            the management API, e.g. http://rabbitmq:15672
#   RABBITMQ_USER, RABBITMQ_PASSWORD   the admin user
#   RABBITMQ_VHOST                     the services' vhost (default /)
#   EVENT_EXCHANGE, AI_QUEUE,          what {exchange}, {ai_queue} and {mail_queue} stand for in
#   MAIL_QUEUE                         the file (defaults inbox.events, ai.analyze, mail.send, as
#                                      in the services)
#   the variable each `user` line names, with that user's password (at least 16 characters); a
#   user marked `optional` whose variable is empty is left out, with its rules
#   SERVICE_USERS_FILE                 default: service-users.conf next to this script
#   MANAGEMENT_WAIT_SECONDS            how long to wait for the API to answer (default 60)
#
# POSIX sh (the curlimages/curl image has BusyBox, no bash). Names are limited to letters, digits,
# '.', '_' and '-' (the vhost may also hold '/' and '~'), so that they need no quoting beyond '.'
# in a regex and '/' in a URL.
set -eu
LC_ALL=C
export LC_ALL

say() { printf 'rabbitmq-users: %s\n' "$*"; }
die() {
  printf 'rabbitmq-users: %s\n' "$*" >&2
  exit 1
}

# replace_all TEXT PATTERN REPLACEMENT: TEXT with every PATTERN (a literal) replaced.
replace_all() {
  ra_text=$1
  ra_out=
  while :; do
    case $ra_text in
      *"$2"*)
        ra_out=$ra_out${ra_text%%"$2"*}$3
        ra_text=${ra_text#*"$2"}
        ;;
      *) break ;;
    esac
  done
  printf '%s' "$ra_out$ra_text"
}

# check_name WHAT VALUE: dies unless VALUE is a plain name.
check_name() {
  case $2 in
    '' | *[!A-Za-z0-9._-]*) die "$1 '$2' must be letters, digits, '.', '_' or '-'" ;;
  esac
}

# check_plain WHAT VALUE: dies if VALUE holds a control character (none has a reason to), so that
# quoted needs to escape only \ and ".
check_plain() {
  case $2 in
    *[[:cntrl:]]*) die "$1 holds a control character" ;;
  esac
}

# The contents of a JSON string or a curl config string: \ and " escaped.
quoted() {
  replace_all "$(replace_all "$1" "\\" "\\\\")" '"' '\"'
}

# The file's regex with {exchange}, {ai_queue} and {mail_queue} replaced by the names, dots
# escaped.
expand_regex() {
  replace_all "$(replace_all "$(replace_all "$1" '{exchange}' "$exchange_regex")" \
    '{ai_queue}' "$ai_queue_regex")" '{mail_queue}' "$mail_queue_regex"
}

# api METHOD PATH [BODY]: calls the management API; prints the HTTP status (000: no answer) and
# leaves the response body in $work/response. Credentials and bodies never reach a command line.
api() {
  if [ $# -ge 3 ]; then
    printf '%s' "$3" | curl -sS --max-time 10 -o "$work/response" -w '%{http_code}' \
      -K "$work/auth" -X "$1" -H 'content-type: application/json' --data-binary @- \
      "$base/api$2" 2>/dev/null || true
  else
    curl -sS --max-time 10 -o "$work/response" -w '%{http_code}' -K "$work/auth" -X "$1" \
      "$base/api$2" 2>/dev/null || true
  fi
}

# put PATH BODY WHAT: a PUT that must answer 201 (created) or 204 (updated).
put() {
  put_status=$(api PUT "$1" "$2")
  case $put_status in
    201) say "$3: created" ;;
    204) say "$3: updated" ;;
    *) die "$3: HTTP $put_status from PUT $1: $(cat "$work/response" 2>/dev/null || true)" ;;
  esac
}

wait_for_api() {
  deadline=$(($(date +%s) + ${MANAGEMENT_WAIT_SECONDS:-60}))
  while :; do
    status=$(api GET /whoami)
    case $status in
      200) return ;;
      401) die "the management API refused RABBITMQ_USER '$RABBITMQ_USER' and its password" ;;
    esac
    if [ "$(date +%s)" -ge "$deadline" ]; then
      die "no answer from the management API at $base (last HTTP status $status)"
    fi
    sleep 2
  done
}

# process MODE: reads the file; MODE check validates every line, MODE apply makes the calls.
process() {
  users=' '
  skipped=' '
  line_number=0
  while IFS= read -r line || [ -n "$line" ]; do
    line_number=$((line_number + 1))
    # Fields are split on blanks; globbing is off, since the regexes hold * ? [ ].
    set -f
    # shellcheck disable=SC2086 # splitting the line into its fields is the point
    set -- $line
    set +f
    [ $# -gt 0 ] || continue
    case $1 in
      '#'*) continue ;;
    esac
    where="$file:$line_number"
    case $1 in
      user)
        if [ $# -ne 3 ] && { [ $# -ne 4 ] || [ "$4" != optional ]; }; then
          die "$where: expected: user <name> <password variable> [optional]"
        fi
        check_name "$where: user" "$2"
        case $3 in
          '' | [!A-Z_]* | *[!A-Z0-9_]*) die "$where: '$3' is not a variable name" ;;
        esac
        password=
        eval "password=\${$3-}"
        if [ $# -eq 4 ] && [ -z "$password" ]; then
          # An optional service that is not configured (the mail function without the email
          # channel): no user, no rules. A user made by an earlier run keeps its rights.
          skipped="$skipped$2 "
          [ "$mode" = check ] || say "user $2: left out ($3 is empty)"
          continue
        fi
        [ "${#password}" -ge 16 ] || die "$where: set $3, the password of $2 (at least 16 characters)"
        check_plain "$3" "$password"
        users="$users$2 "
        if [ "$mode" = apply ]; then
          put "/users/$2" "{\"password\":\"$(quoted "$password")\",\"tags\":\"\"}" "user $2"
        fi
        ;;
      vhost)
        [ $# -eq 5 ] || die "$where: expected: vhost <user> <configure> <write> <read>"
        case $skipped in *" $2 "*) continue ;; esac
        case $users in *" $2 "*) ;; *) die "$where: user $2 is not declared above" ;; esac
        if [ "$mode" = apply ]; then
          put "/permissions/$vhost_path/$2" \
            "{\"configure\":\"$(quoted "$(expand_regex "$3")")\",\"write\":\"$(quoted "$(expand_regex "$4")")\",\"read\":\"$(quoted "$(expand_regex "$5")")\"}" \
            "permissions of $2 on vhost $vhost"
        fi
        ;;
      topic)
        [ $# -eq 5 ] || die "$where: expected: topic <user> <exchange> <write> <read>"
        case $skipped in *" $2 "*) continue ;; esac
        case $users in *" $2 "*) ;; *) die "$where: user $2 is not declared above" ;; esac
        topic_exchange=$(replace_all "$3" '{exchange}' "$exchange")
        check_name "$where: exchange" "$topic_exchange"
        if [ "$mode" = apply ]; then
          put "/topic-permissions/$vhost_path/$2" \
            "{\"exchange\":\"$topic_exchange\",\"write\":\"$(quoted "$(expand_regex "$4")")\",\"read\":\"$(quoted "$(expand_regex "$5")")\"}" \
            "topic permissions of $2 on $topic_exchange"
        fi
        ;;
      *) die "$where: unknown line type '$1' (user, vhost or topic)" ;;
    esac
  done <"$file"
  [ "$users" != ' ' ] || die "$file declares no user"
}

base=${RABBITMQ_MANAGEMENT_URL:?set RABBITMQ_MANAGEMENT_URL, e.g. http://rabbitmq:15672}
base=${base%/}
: "${RABBITMQ_USER:?set RABBITMQ_USER, the admin user}"
: "${RABBITMQ_PASSWORD:?set RABBITMQ_PASSWORD, the admin password}"
check_plain RABBITMQ_USER "$RABBITMQ_USER"
check_plain RABBITMQ_PASSWORD "$RABBITMQ_PASSWORD"
vhost=${RABBITMQ_VHOST:-/}
case $vhost in
  *[!A-Za-z0-9._~/-]*) die "RABBITMQ_VHOST '$vhost' must be letters, digits, '.', '_', '-', '~' or '/'" ;;
esac
vhost_path=$(replace_all "$vhost" / %2F)
exchange=${EVENT_EXCHANGE:-inbox.events}
ai_queue=${AI_QUEUE:-ai.analyze}
mail_queue=${MAIL_QUEUE:-mail.send}
check_name EVENT_EXCHANGE "$exchange"
check_name AI_QUEUE "$ai_queue"
check_name MAIL_QUEUE "$mail_queue"
exchange_regex=$(replace_all "$exchange" . '\.')
ai_queue_regex=$(replace_all "$ai_queue" . '\.')
mail_queue_regex=$(replace_all "$mail_queue" . '\.')
file=${SERVICE_USERS_FILE:-$(dirname "$0")/service-users.conf}
[ -r "$file" ] || die "cannot read $file"

mode=check
process

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
(
  umask 077
  printf 'user = "%s"\n' "$(quoted "$RABBITMQ_USER:$RABBITMQ_PASSWORD")" >"$work/auth"
)
wait_for_api
mode=apply
process
say "done: vhost $vhost, exchange $exchange, AI queue $ai_queue, mail queue $mail_queue"
