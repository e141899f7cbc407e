"""buzzbeam on Airflow (2.4+): collect from the Instagram Graph API and run the pipeline hourly and every 5 minutes.

Three DAGs, the cadence of the original Lambda + EventBridge setup:

* ``buzzbeam_collect_hashtags`` -- every 5 minutes, hashtag recent media;
* ``buzzbeam_collect_profiles`` -- hourly, business discovery (profile + latest 25 media);
* ``buzzbeam_hourly_run``       -- hourly, the pipeline over the trailing three days (Seoul time);
* ``buzzbeam_today_run``        -- every 5 minutes, the pipeline over today (the live ranking).

Collection cannot be backfilled (the Graph API only shows the present), so the collect DAGs do not
catch up; ``max_active_runs=1`` keeps a run that is backing off from Instagram's rate limit from
overlapping the next one. Failures of the collector are posted to the Slack webhook by the
collector itself (``--alertWebhook``, failures only) and fail the task (exit status 1).

Secrets: the token is read by the collector from a file (``--tokenFile``) mounted from your
secret store, so it never appears in rendered templates, the task log or ``ps``. Set the Airflow
Variables ``buzzbeam_home``, ``buzzbeam_landing``, ``buzzbeam_ig_user_id``; the webhook URL comes
from the environment variable BUZZBEAM_ALERT_WEBHOOK of the worker.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator

SEOUL = pendulum.timezone("Asia/Seoul")
START = pendulum.datetime(2024, 1, 1, tz=SEOUL)

COMMON_ARGS = {
    "owner": "buzzbeam",
    "retries": 0,  # the collector retries transient API faults itself, within --maxRetryTime
}

COLLECT = (
    "cd {{ var.value.buzzbeam_home }} && ./buzzbeam collect --once --only=%s"
    " --targets=runner-configs/targets/luxury-brands.yaml"
    " --landing={{ var.value.buzzbeam_landing }}"
    " --igUserId={{ var.value.buzzbeam_ig_user_id }}"
    " --tokenFile=/run/secrets/buzzbeam_ig_token"
    ' --alertWebhook="$BUZZBEAM_ALERT_WEBHOOK"'
)

with DAG(
    dag_id="buzzbeam_collect_hashtags",
    description="Instagram hashtag recent media -> landing zone",
    schedule="*/5 * * * *",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=COMMON_ARGS,
    dagrun_timeout=timedelta(minutes=10),
    tags=["buzzbeam", "collect"],
):
    BashOperator(task_id="collect_hashtags", bash_command=COLLECT % "hashtags" + " --maxRetryTime=2m",
                 append_env=True)

with DAG(
    dag_id="buzzbeam_collect_profiles",
    description="Instagram business discovery (profiles + media) -> landing zone",
    schedule="0 * * * *",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=COMMON_ARGS,
    dagrun_timeout=timedelta(minutes=30),
    tags=["buzzbeam", "collect"],
):
    BashOperator(task_id="collect_profiles", bash_command=COLLECT % "profiles" + " --mediaLimit=25",
                 append_env=True)

# The pipeline, hourly over a trailing window of three Seoul days (today and the two before): likes
# and comments keep growing for a day or two after a post, and each run refreshes those days. The
# brand marts always describe every published day (SPEC §5 rev. 2), so older days need no rerun.
# Each run publishes in one transaction; a second run on the same database is refused (the pipeline
# takes a PostgreSQL advisory lock), and max_active_runs=1 keeps Airflow from trying.
with DAG(
    dag_id="buzzbeam_hourly_run",
    description="buzzbeam pipeline over the trailing three days (Asia/Seoul)",
    # minute 10: after the hourly business-discovery collection has written its envelopes
    schedule="10 * * * *",
    start_date=START,
    catchup=False,  # a rebuild is one run without --from/--to, not a backfill of hourly runs
    max_active_runs=1,
    default_args={**COMMON_ARGS, "retries": 1, "retry_delay": timedelta(minutes=5)},
    dagrun_timeout=timedelta(minutes=50),
    tags=["buzzbeam", "pipeline"],
):
    # data_interval_end is the hour the run covers up to; its Seoul date is "today" for this run.
    BashOperator(
        task_id="run_pipeline",
        bash_command=(
            "cd {{ var.value.buzzbeam_home }} && ./buzzbeam run"
            " --landing={{ var.value.buzzbeam_landing }}"
            " --from={{ data_interval_end.in_timezone('Asia/Seoul').subtract(days=2).strftime('%Y-%m-%d') }}"
            " --to={{ data_interval_end.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}"
            " --timezone=Asia/Seoul"
        ),
        append_env=True,
    )

with DAG(
    dag_id="buzzbeam_today_run",
    description="buzzbeam pipeline over today (Asia/Seoul), every 5 minutes: the live ranking",
    schedule="*/5 * * * *",
    start_date=START,
    catchup=False,
    max_active_runs=1,
    default_args=COMMON_ARGS,
    dagrun_timeout=timedelta(minutes=5),
    tags=["buzzbeam", "pipeline"],
):
    # --lockWaitSeconds=0: while the hourly run holds the lock this run is refused (exit 1, one
    # line) and the next one, five minutes later, catches up.
    BashOperator(
        task_id="run_pipeline_today",
        bash_command=(
            "cd {{ var.value.buzzbeam_home }} && ./buzzbeam run"
            " --landing={{ var.value.buzzbeam_landing }}"
            " --from={{ data_interval_end.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}"
            " --to={{ data_interval_end.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}"
            " --timezone=Asia/Seoul --progressSeconds=0"
        ),
        append_env=True,
    )
