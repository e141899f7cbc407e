"""buzzbeam on Airflow (2.4+): collect from the Instagram Graph API and run the daily pipeline.

Three DAGs, the cadence of the original Lambda + EventBridge setup:

* ``buzzbeam_collect_hashtags`` -- every 5 minutes, hashtag recent media;
* ``buzzbeam_collect_profiles`` -- hourly, business discovery (profile + latest 25 media);
* ``buzzbeam_daily_run``        -- daily, the pipeline over the day that just ended (Seoul time).

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

with DAG(
    dag_id="buzzbeam_daily_run",
    description="buzzbeam pipeline over yesterday (Asia/Seoul)",
    # 00:40 Seoul: the 5-minute collector has written the last envelopes of the day by then.
    schedule="40 0 * * *",
    start_date=START,
    catchup=False,  # set True to rebuild the marts for past days (the run is idempotent)
    max_active_runs=1,
    default_args={**COMMON_ARGS, "retries": 1, "retry_delay": timedelta(minutes=15)},
    tags=["buzzbeam", "pipeline"],
):
    # The run's data interval starts at 00:40 Seoul on the day that just ended. {{ ds }} would be
    # that instant's UTC date (one day earlier), so the Seoul date is taken explicitly.
    BashOperator(
        task_id="run_pipeline",
        bash_command=(
            "cd {{ var.value.buzzbeam_home }} && ./buzzbeam run"
            " --landing={{ var.value.buzzbeam_landing }}"
            " --from={{ data_interval_start.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}"
            " --to={{ data_interval_start.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}"
            " --timezone=Asia/Seoul"
        ),
        append_env=True,
    )
