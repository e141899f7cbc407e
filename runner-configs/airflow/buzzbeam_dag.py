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


def run_command(days_back, *options):
    """``buzzbeam run`` over the Seoul days from ``days_back`` days before the interval's end to it."""
    start = "data_interval_end.in_timezone('Asia/Seoul')" + (".subtract(days=%d)" % days_back if days_back else "")
    return " ".join(
        [
            "cd {{ var.value.buzzbeam_home }} && ./buzzbeam run",
            "--landing={{ var.value.buzzbeam_landing }}",
            "--from={{ %s.strftime('%%Y-%%m-%%d') }}" % start,
            "--to={{ data_interval_end.in_timezone('Asia/Seoul').strftime('%Y-%m-%d') }}",
            *options,
        ]
    )


def buzzbeam_dag(dag_id, description, schedule, timeout, tags, default_args=COMMON_ARGS):
    """One of the DAGs below: from START, never catching up, one run at a time."""
    return DAG(
        dag_id=dag_id,
        description=description,
        schedule=schedule,
        start_date=START,
        catchup=False,
        max_active_runs=1,
        default_args=default_args,
        dagrun_timeout=timeout,
        tags=tags,
    )

def collect_dag(only, description, schedule, timeout, options):
    """``buzzbeam collect --once --only=ONLY OPTIONS`` (task ``collect_ONLY``) on ``schedule``."""
    with buzzbeam_dag("buzzbeam_collect_" + only, description, schedule, timeout, ["buzzbeam", "collect"]):
        BashOperator(task_id="collect_" + only, bash_command=COLLECT % only + options, append_env=True)


def pipeline_dag(dag_id, task_id, description, schedule, timeout, command, default_args=COMMON_ARGS):
    """``buzzbeam run`` (``command``, see run_command) on ``schedule``."""
    with buzzbeam_dag(dag_id, description, schedule, timeout, ["buzzbeam", "pipeline"], default_args):
        BashOperator(task_id=task_id, bash_command=command, append_env=True)


collect_dag("hashtags", "Instagram hashtag recent media -> landing zone",
            "*/5 * * * *", timedelta(minutes=10), " --maxRetryTime=2m")
collect_dag("profiles", "Instagram business discovery (profiles + media) -> landing zone",
            "0 * * * *", timedelta(minutes=30), " --mediaLimit=25")

# The pipeline, hourly over a trailing window of three Seoul days (today and the two before): likes
# and comments keep growing for a day or two after a post, and each run refreshes those days. The
# brand marts always describe every published day (SPEC §5 rev. 2), so older days need no rerun.
# Each run publishes in one transaction; a second run on the same database is refused (the pipeline
# takes a PostgreSQL advisory lock), and max_active_runs=1 keeps Airflow from trying.
# No catch-up here either: a rebuild is one run without --from/--to, not a backfill of hourly runs.
# Minute 10: after the hourly business-discovery collection has written its envelopes.
# data_interval_end is the hour the run covers up to; its Seoul date is "today" for this run.
pipeline_dag("buzzbeam_hourly_run", "run_pipeline",
             "buzzbeam pipeline over the trailing three days (Asia/Seoul)",
             "10 * * * *", timedelta(minutes=50), run_command(2, "--timezone=Asia/Seoul"),
             default_args={**COMMON_ARGS, "retries": 1, "retry_delay": timedelta(minutes=5)})

# The live ranking. --lockWaitSeconds=0: while the hourly run holds the lock this run is refused
# (exit 1, one line) and the next one, five minutes later, catches up.
pipeline_dag("buzzbeam_today_run", "run_pipeline_today",
             "buzzbeam pipeline over today (Asia/Seoul), every 5 minutes: the live ranking",
             "*/5 * * * *", timedelta(minutes=5),
             run_command(0, "--timezone=Asia/Seoul", "--progressSeconds=0"))
