#!/usr/bin/env bash
# Checks the standalone emulator with the real AWS CLI (Debian package awscli, called by full path):
# s3 mb / cp / ls against its S3, then pinpoint create-import-job, get-import-job (until COMPLETED),
# get-import-jobs with --page-size / --token, get-endpoint, get-apps / create-app / delete-app and an error answer.
# Exits non-zero on the first failed check; always stops the emulator.
# Env: AWS_CLI (default /usr/bin/aws), MVN_FLAGS (extra Maven flags, e.g. -o).
set -euo pipefail

CHECK_NAME=aws-cli-check
# shellcheck source=cli-check-lib.sh
source "$(dirname "$0")/cli-check-lib.sh"

[[ -x "$AWS" ]] || fail "$AWS not found (install the Debian package awscli)"
echo "Using $("$AWS" --version 2>&1)"

start_emulator --pace speed:25 --bucket cli-check --app cli-check
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
echo "emulator ready: pinpoint $PINPOINT_ENDPOINT, s3 $S3_ENDPOINT, app $APP_ID"

s3cli() { "$AWS" --endpoint-url "$S3_ENDPOINT" "$@"; }
pp() { "$AWS" --endpoint-url "$PINPOINT_ENDPOINT" pinpoint "$@"; }

# --- S3 ---------------------------------------------------------------------------------------------------------
check "s3 mb" "$(s3cli s3 mb s3://cli-check-2 2>&1)" "make_bucket: cli-check-2"
cat >"$WORK/part-1.csv" <<'CSV'
Id,ChannelType,Address,Location.Country,User.UserId,User.UserAttributes.tier
cli-1,EMAIL,one@example.com,US,cli-user,gold
cli-2,SMS,+12065550100,US,cli-user,
cli-3,EMAIL,three@example.com,CA,,
cli-4,SMS,,US,,
CSV
s3cli s3 cp --only-show-errors "$WORK/part-1.csv" s3://cli-check/run-1/part-1.csv || fail "s3 cp"
check "s3 ls" "$(s3cli s3 ls s3://cli-check/run-1/)" "part-1\.csv"

# --- import job -------------------------------------------------------------------------------------------------
ROLE="arn:aws:iam::123456789012:role/PinpointImport"
created="$(pp create-import-job --application-id "$APP_ID" \
    --import-job-request "S3Url=s3://cli-check/run-1/,RoleArn=$ROLE,Format=CSV,RegisterEndpoints=true" \
    --query 'ImportJobResponse.[Id,JobStatus]' --output text)" || fail "create-import-job"
JOB_ID="$(cut -f1 <<<"$created")"
check "create-import-job id" "$JOB_ID" '^[0-9a-f]{32}$'
check "create-import-job status" "$(cut -f2 <<<"$created")" '^CREATED$'

status=""
for _ in $(seq 1 100); do
    status="$(pp get-import-job --application-id "$APP_ID" --job-id "$JOB_ID" \
        --query ImportJobResponse.JobStatus --output text)" || fail "get-import-job"
    [[ "$status" == COMPLETED || "$status" == FAILED ]] && break
    sleep 0.1
done
check "get-import-job final status" "$status" '^COMPLETED$'
check "get-import-job counters" "$(pp get-import-job --application-id "$APP_ID" --job-id "$JOB_ID" \
    --query 'ImportJobResponse.[TotalProcessed,TotalFailures,TotalPieces,CompletedPieces]' --output text)" \
    '^4[[:space:]]+1[[:space:]]+1[[:space:]]+1$'
check "get-import-job failures" "$(pp get-import-job --application-id "$APP_ID" --job-id "$JOB_ID" \
    --query 'ImportJobResponse.Failures[0]' --output text)" 'run-1/part-1\.csv line 5: Missing Address'

SECOND="$(pp create-import-job --application-id "$APP_ID" \
    --import-job-request "S3Url=s3://cli-check/run-1/part-1.csv,RoleArn=$ROLE,Format=CSV" \
    --query ImportJobResponse.Id --output text)" || fail "second create-import-job"
page1="$(pp get-import-jobs --application-id "$APP_ID" --page-size 1 \
    --query '[ImportJobsResponse.Item[0].Id, ImportJobsResponse.NextToken]' --output text)" || fail "get-import-jobs"
check "get-import-jobs page 1 (newest first)" "$(cut -f1 <<<"$page1")" "^$SECOND\$"
TOKEN="$(cut -f2 <<<"$page1")"
check "get-import-jobs NextToken" "$TOKEN" '^[A-Za-z0-9_-]+$'
page2="$(pp get-import-jobs --application-id "$APP_ID" --page-size 1 --token "$TOKEN" \
    --query '[ImportJobsResponse.Item[0].Id, ImportJobsResponse.NextToken]' --output text)" || fail "page 2"
check "get-import-jobs page 2" "$page2" "^$JOB_ID[[:space:]]+None\$"

check "get-endpoint" "$(pp get-endpoint --application-id "$APP_ID" --endpoint-id CLI-2 \
    --query 'EndpointResponse.[Id,ChannelType,User.UserId,User.UserAttributes.tier[0]]' --output text)" \
    '^cli-2[[:space:]]+SMS[[:space:]]+cli-user[[:space:]]+gold$'

# --- applications (the calls scripts make first) ----------------------------------------------------------------
check "get-apps" "$(pp get-apps --query 'ApplicationsResponse.Item[0].[Id,Name]' --output text)" \
    "^$APP_ID[[:space:]]+cli-check\$"
SPARE="$(pp create-app --create-application-request Name=spare --query ApplicationResponse.Id --output text)" \
    || fail "create-app"
check "delete-app" "$(pp delete-app --application-id "$SPARE" --query ApplicationResponse.Name --output text)" '^spare$'
check "get-apps after delete-app" "$(pp get-apps --query 'length(ApplicationsResponse.Item)' --output text)" '^1$'

# --- an error answer --------------------------------------------------------------------------------------------
if err="$(pp get-import-job --application-id 00000000000000000000000000000000 --job-id "$JOB_ID" 2>&1)"; then
    fail "get-import-job on an unknown application succeeded"
fi
check "NotFoundException" "$err" '\(NotFoundException\).*Application not found'

# --- clean stop -------------------------------------------------------------------------------------------------
stop_emulator
echo "aws-cli-check: all checks passed"
