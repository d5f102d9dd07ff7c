#!/usr/bin/env bash
# Checks the standalone Customer Profiles emulator with real AWS CLIs:
#  - the AWS CLI v1 (the only CLI with the upload-job commands: botocore >= 1.39.3) runs create-upload-job ->
#    get-upload-job-path -> PUT with curl (SSE-C headers) -> start-upload-job -> get-upload-job (until final) ->
#    list-upload-jobs, and an error answer;
#  - the Debian AWS CLI (/usr/bin/aws, which predates upload jobs) reads the profiles back with search-profiles and
#    get-domain.
# Without an AWS CLI v1 (a fresh CI machine cannot install one: PyPI is not reachable and Debian's botocore 1.29 is
# too old), the upload-job part is SKIPPED with a message, the same calls are made with curl on the wire protocol
# instead, and the Debian CLI part still runs. Exits non-zero on the first failed check; always stops the emulator.
# Env: AWS_CLI (Debian CLI, default /usr/bin/aws), AWS_V1_CLI (default: the first `aws` on PATH that has
# `customer-profiles create-upload-job`), MVN_FLAGS (extra Maven flags, e.g. -o).
set -euo pipefail

CHECK_NAME=aws-cli-profiles-check
# shellcheck source=cli-check-lib.sh
source "$(dirname "$0")/cli-check-lib.sh"

[[ -x "$AWS" ]] || fail "$AWS not found (install the Debian package awscli)"
command -v curl >/dev/null || fail "curl not found"
command -v openssl >/dev/null || fail "openssl not found"

# Any credentials are accepted by the emulator, as by LocalStack and moto: these are placeholders, never real ones.
export AWS_ACCESS_KEY_ID=cli-check AWS_SECRET_ACCESS_KEY=cli-check-secret AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

V1=""
for candidate in ${AWS_V1_CLI:-} $(type -ap aws 2>/dev/null || true); do
    if "$candidate" customer-profiles create-upload-job help >/dev/null 2>&1 </dev/null; then
        V1="$candidate"
        break
    fi
done
echo "Debian AWS CLI: $("$AWS" --version 2>&1)"
if [[ -n "$V1" ]]; then
    echo "AWS CLI with upload jobs: $V1 ($("$V1" --version 2>&1))"
fi

start_emulator --pace speed:25 --domain cli-check
echo "emulator ready: customer profiles $PROFILES_ENDPOINT, domain $DOMAIN"

cat >"$WORK/profiles.csv" <<'CSV'
UserId,Email,Phone,City,tier
cli-user-1,one@example.com,+1 206 555 0100,Seattle,gold
cli-user-2,two@example.com,,"Portland, OR",
cli-user-1,,,,platinum
,nobody@example.com,,,
CSV
FIELDS='{"UserId":{"Source":"_source.UserId","Target":"_profile.AccountNumber","ContentType":"STRING"},
"Email":{"Source":"_source.Email","Target":"_profile.EmailAddress","ContentType":"EMAIL_ADDRESS"},
"Phone":{"Source":"_source.Phone","Target":"_profile.PhoneNumber","ContentType":"PHONE_NUMBER"},
"City":{"Source":"_source.City","Target":"_profile.Address.City","ContentType":"STRING"},
"tier":{"Source":"_source.tier","Target":"_profile.Attributes.tier","ContentType":"STRING"}}'

md5_of_key() { printf '%s' "$1" | base64 -d | openssl dgst -md5 -binary | base64; }

put_file() { # put_file URL TOKEN FILE -> prints the HTTP status
    curl -sS -o "$WORK/put.out" -w '%{http_code}' -X PUT --upload-file "$3" \
        -H "x-amz-server-side-encryption-customer-algorithm: AES256" \
        -H "x-amz-server-side-encryption-customer-key: $2" \
        -H "x-amz-server-side-encryption-customer-key-MD5: $(md5_of_key "$2")" "$1"
}

# ---- upload job --------------------------------------------------------------------------------------------------
if [[ -n "$V1" ]]; then
    cp1() { "$V1" --endpoint-url "$PROFILES_ENDPOINT" customer-profiles "$@"; }
    JOB_ID="$(cp1 create-upload-job --domain-name "$DOMAIN" --display-name "cli-check shard 1" \
        --fields "$FIELDS" --unique-key UserId --data-expiry 7 --query JobId --output text)" \
        || fail "create-upload-job"
    check "create-upload-job id" "$JOB_ID" '^[0-9a-f]{32}$'
    path="$(cp1 get-upload-job-path --domain-name "$DOMAIN" --job-id "$JOB_ID" \
        --query '[Url,ClientToken]' --output text)" || fail "get-upload-job-path"
    URL="$(cut -f1 <<<"$path")"
    TOKEN="$(cut -f2 <<<"$path")"
    check "get-upload-job-path url" "$URL" '^http://127\.0\.0\.1:[0-9]+/upload/.*X-Amz-Signature='
    check "PUT to the upload URL" "$(put_file "$URL" "$TOKEN" "$WORK/profiles.csv")" '^200$'
    cp1 start-upload-job --domain-name "$DOMAIN" --job-id "$JOB_ID" >/dev/null || fail "start-upload-job"
    status=""
    for _ in $(seq 1 100); do
        status="$(cp1 get-upload-job --domain-name "$DOMAIN" --job-id "$JOB_ID" --query Status --output text)" \
            || fail "get-upload-job"
        [[ "$status" != CREATED && "$status" != IN_PROGRESS ]] && break
        sleep 0.1
    done
    check "get-upload-job final status" "$status" '^PARTIALLY_SUCCEEDED$'
    check "get-upload-job results" "$(cp1 get-upload-job --domain-name "$DOMAIN" --job-id "$JOB_ID" \
        --query 'ResultsSummary.[CreatedRecords,UpdatedRecords,FailedRecords]' --output text)" \
        '^2[[:space:]]+1[[:space:]]+1$'
    check "list-upload-jobs" "$(cp1 list-upload-jobs --domain-name "$DOMAIN" \
        --query 'Items[0].[JobId,DisplayName,DataExpiry]' --output text)" \
        "^$JOB_ID[[:space:]]+cli-check shard 1[[:space:]]+7\$"
    if err="$(cp1 get-upload-job --domain-name "$DOMAIN" --job-id 00000000000000000000000000000000 2>&1)"; then
        fail "get-upload-job of an unknown job succeeded"
    fi
    check "ResourceNotFoundException" "$err" '\(ResourceNotFoundException\)'
else
    echo "SKIP - AWS CLI v1 with the customer-profiles upload-job commands not found (PyPI is not reachable from"
    echo "       here and Debian's botocore is too old): making the same upload-job calls with curl on the wire"
    echo "       protocol instead; the Debian AWS CLI part below still runs."
    api() { # api METHOD PATH [BODY]
        curl -sS -f -X "$1" -H 'Content-Type: application/json' ${3:+--data "$3"} "$PROFILES_ENDPOINT$2"
    }
    body="{\"DisplayName\":\"cli-check shard 1\",\"Fields\":$FIELDS,\"UniqueKey\":\"UserId\",\"DataExpiry\":7}"
    JOB_ID="$(api POST "/domains/$DOMAIN/upload-jobs" "$body" | sed -E 's/.*"JobId":"([0-9a-f]+)".*/\1/')" \
        || fail "CreateUploadJob"
    check "CreateUploadJob id" "$JOB_ID" '^[0-9a-f]{32}$'
    path="$(api GET "/domains/$DOMAIN/upload-jobs/$JOB_ID/path")" || fail "GetUploadJobPath"
    URL="$(sed -E 's/.*"Url":"([^"]+)".*/\1/' <<<"$path")"
    TOKEN="$(sed -E 's/.*"ClientToken":"([^"]+)".*/\1/' <<<"$path")"
    check "PUT to the upload URL" "$(put_file "$URL" "$TOKEN" "$WORK/profiles.csv")" '^200$'
    api PUT "/domains/$DOMAIN/upload-jobs/$JOB_ID" >/dev/null || fail "StartUploadJob"
    status=""
    for _ in $(seq 1 100); do
        job="$(api GET "/domains/$DOMAIN/upload-jobs/$JOB_ID")" || fail "GetUploadJob"
        status="$(sed -E 's/.*"Status":"([A-Z_]+)".*/\1/' <<<"$job")"
        [[ "$status" != CREATED && "$status" != IN_PROGRESS ]] && break
        sleep 0.1
    done
    check "GetUploadJob final status" "$status" '^PARTIALLY_SUCCEEDED$'
    check "GetUploadJob results" "$job" '"CreatedRecords":2,"FailedRecords":1|"UpdatedRecords":1,"CreatedRecords":2,"FailedRecords":1'
fi

# ---- the Debian AWS CLI reads the profiles back -----------------------------------------------------------------
cp2() { "$AWS" --endpoint-url "$PROFILES_ENDPOINT" customer-profiles "$@"; }
check "search-profiles by UniqueKey" "$(cp2 search-profiles --domain-name "$DOMAIN" --key-name UserId \
    --values cli-user-1 --query 'Items[0].[AccountNumber,EmailAddress,PhoneNumber,Address.City,Attributes.tier]' \
    --output text)" '^cli-user-1[[:space:]]+one@example\.com[[:space:]]+\+1 206 555 0100[[:space:]]+Seattle[[:space:]]+platinum$'
check "search-profiles by _email" "$(cp2 search-profiles --domain-name "$DOMAIN" --key-name _email \
    --values two@example.com --query 'Items[0].[AccountNumber,Address.City]' --output text)" \
    '^cli-user-2[[:space:]]+Portland, OR$'
check "get-domain profile count" "$(cp2 get-domain --domain-name "$DOMAIN" --query Stats.ProfileCount \
    --output text)" '^2$'
if err="$(cp2 get-domain --domain-name no-such-domain 2>&1)"; then
    fail "get-domain of an unknown domain succeeded"
fi
check "get-domain ResourceNotFoundException" "$err" '\(ResourceNotFoundException\)'

stop_emulator
if [[ -n "$V1" ]]; then
    echo "aws-cli-profiles-check: all checks passed"
else
    echo "aws-cli-profiles-check: all checks passed (upload-job commands of the AWS CLI v1 skipped: not installed)"
fi
