"""Compiles dashboards/assets/*.yaml (the reviewable source) into a Superset import bundle.

The source files say only what matters (a chart: its dataset, viz type, params and filters; a
dashboard: rows of charts and its native filters). This module adds what Superset's v1 import
format needs around them: stable UUIDs (uuid5 of the file name), full dataset/column records, the
chart's saved query context (so that GET /api/v1/chart/<id>/data/ answers, and reports work), the
dashboard's position tree and filter targets. The database URI is a parameter and its password is
always masked: nothing secret goes into a bundle.
"""

import datetime as dt
import glob
import io
import json
import os
import uuid
import zipfile

import yaml

from . import ASSETS_DIR
from .jdbc import MASKED_PASSWORD

NAMESPACE = uuid.UUID("5b3c1f0e-6a57-4c1b-9a43-6275a7a2be01")
ROOT = "buzzbeam_dashboards"
DATABASE_FILE = "databases/buzzbeam.yaml"


def stable_uuid(kind, key):
    return str(uuid.uuid5(NAMESPACE, f"buzzbeam:{kind}:{key}"))


def load_sources(assets_dir=ASSETS_DIR):
    out = {}
    for kind in ("databases", "datasets", "charts", "dashboards"):
        out[kind] = {}
        for path in sorted(glob.glob(os.path.join(assets_dir, kind, "*.yaml"))):
            key = os.path.splitext(os.path.basename(path))[0]
            with open(path, encoding="utf-8") as f:
                out[kind][key] = yaml.safe_load(f)
    return out


# ---------------------------------------------------------------- databases / datasets

def build_database(src, sqlalchemy_uri):
    db = dict(src)
    db.update(sqlalchemy_uri=sqlalchemy_uri, uuid=stable_uuid("database", "buzzbeam"), version="1.0.0")
    db.setdefault("extra", {})
    for k in ("impersonate_user", "ssh_tunnel"):
        db.pop(k, None)
    return db


def build_dataset(key, src, database_uuid):
    columns = []
    for c in src.get("columns", []):
        columns.append({
            "column_name": c["column_name"],
            "verbose_name": c.get("verbose_name"),
            "is_dttm": bool(c.get("is_dttm", False)),
            "is_active": True,
            "type": c.get("type"),
            "advanced_data_type": None,
            "groupby": c.get("groupby", True),
            "filterable": c.get("filterable", True),
            "expression": c.get("expression"),
            "description": c.get("description"),
            "python_date_format": None,
            "extra": {},
        })
    metrics = []
    for m in src.get("metrics", []):
        metrics.append({
            "metric_name": m["metric_name"],
            "verbose_name": m.get("verbose_name"),
            "metric_type": m.get("metric_type"),
            "expression": m["expression"],
            "description": m.get("description"),
            "d3format": m.get("d3format"),
            "currency": None,
            "extra": {},
            "warning_text": None,
        })
    sql = src.get("sql")
    return {
        "table_name": src.get("table_name", key),
        "main_dttm_col": src.get("main_dttm_col"),
        "description": src.get("description"),
        "default_endpoint": None,
        "offset": 0,
        "cache_timeout": None,
        "catalog": None,
        "schema": None if sql else src.get("schema", "public"),
        "sql": sql.strip() if sql else None,
        "params": None,
        "template_params": None,
        "filter_select_enabled": True,
        "fetch_values_predicate": None,
        "extra": None,
        "normalize_columns": False,
        "always_filter_main_dttm": False,
        "uuid": stable_uuid("dataset", key),
        "metrics": metrics,
        "columns": columns,
        "version": "1.0.0",
        "database_uuid": database_uuid,
    }


# ---------------------------------------------------------------- charts

def _adhoc(f, i):
    op = f["op"]
    flt = {"clause": "WHERE", "expressionType": "SIMPLE", "subject": f["col"], "operator": op,
           "operatorId": {"==": "EQUALS", "IN": "IN", "IS TRUE": "IS_TRUE", "IS FALSE": "IS_FALSE",
                          "<=": "LESS_THAN_OR_EQUAL", "TEMPORAL_RANGE": "TEMPORAL_RANGE"}.get(op, op),
           "isExtra": False, "isNew": False, "filterOptionName": f"filter_{f['col']}_{i}"}
    if "val" in f:
        flt["comparator"] = f["val"]
    else:
        flt["comparator"] = None
    if op == "TEMPORAL_RANGE":
        flt["comparator"] = "No filter"
    return flt


def chart_filters(src):
    filters = [dict(f) for f in src.get("filters", [])]
    if src.get("time_column"):
        filters.append({"col": src["time_column"], "op": "TEMPORAL_RANGE", "val": "No filter"})
    return filters


def _axis_column(params, col, dataset):
    """The x axis as the frontend sends it: a base-axis column with a time grain if temporal."""
    is_temporal = any(c["column_name"] == col and c.get("is_dttm") for c in dataset.get("columns", []))
    if is_temporal:
        return {"timeGrain": params.get("time_grain_sqla", "P1D"), "columnType": "BASE_AXIS",
                "sqlExpression": col, "label": col, "expressionType": "SQL"}
    return col


def build_query(viz, params, filters, dataset):
    """One query object for the chart data API, shaped as the viz's frontend buildQuery does."""
    q = {"filters": [{"col": f["col"], "op": f["op"], **({"val": f["val"]} if "val" in f else {})}
                     for f in filters],
         "extras": {"having": "", "where": ""}, "applied_time_extras": {}, "columns": [], "metrics": [],
         "orderby": [], "annotation_layers": [], "row_limit": params.get("row_limit", 10000),
         "series_limit": 0, "order_desc": True, "url_params": {}, "custom_params": {},
         "custom_form_data": {}, "post_processing": []}
    if viz == "table":
        q["columns"] = list(params["all_columns"])
        q["orderby"] = [json.loads(o) for o in params.get("order_by_cols", [])]
    elif viz == "pie" or viz == "word_cloud":
        q["columns"] = list(params.get("groupby") or [params["series"]])
        q["metrics"] = [params["metric"]]
        q["orderby"] = [[params["metric"], False]]
    elif viz == "big_number_total":
        q["metrics"] = [params["metric"]]
    elif viz == "bubble_v2":
        q["columns"] = [params["entity"]] + ([params["series"]] if params.get("series") else [])
        q["metrics"] = [params["x"], params["y"], params["size"]]
        q["orderby"] = [[params["size"], False]]
        q["metrics"] = list(dict.fromkeys(q["metrics"]))
    elif viz == "heatmap_v2":
        q["columns"] = [params["x_axis"]] + list(params["groupby"])
        q["metrics"] = [params["metric"]]
        q["orderby"] = [[params["x_axis"], "asc" in (params.get("sort_x_axis") or "asc")],
                        [params["groupby"][0], "asc" in (params.get("sort_y_axis") or "asc")]]
    elif viz == "pivot_table_v2":
        q["columns"] = list(params["groupbyRows"]) + list(params["groupbyColumns"])
        q["metrics"] = list(params["metrics"])
        q["orderby"] = [[params["metrics"][0], False]]
    elif viz.startswith("echarts_timeseries"):
        x = params["x_axis"]
        groupby = list(params.get("groupby") or [])
        q["columns"] = [_axis_column(params, x, dataset)] + groupby
        q["metrics"] = list(params["metrics"])
        q["series_columns"] = groupby
        q["orderby"] = [[params.get("series_limit_metric") or q["metrics"][0], False]]
        if params.get("series_limit"):
            q["series_limit"] = params["series_limit"]
            q["series_limit_metric"] = params.get("series_limit_metric") or q["metrics"][0]
        q["post_processing"] = [
            {"operation": "pivot", "options": {
                "index": [x], "columns": groupby,
                "aggregates": {m: {"operator": "mean"} for m in q["metrics"]},
                "drop_missing_columns": False}},
            {"operation": "flatten"},
        ]
        if params.get("resample_rule"):  # as the frontend's resampleOperator: zerofill = asfreq with 0
            zero = params.get("resample_method") == "zerofill"
            q["post_processing"].insert(1, {"operation": "resample", "options": {
                "method": "asfreq" if zero else params.get("resample_method", "asfreq"),
                "rule": params["resample_rule"], "fill_value": 0 if zero else None}})
    else:
        raise ValueError(f"no query builder for viz type {viz}")
    return q


def build_chart(key, src, datasets_src, dataset_uuids):
    viz = src["viz_type"]
    ds_key = src["dataset"]
    if ds_key not in dataset_uuids:
        raise ValueError(f"chart {key}: unknown dataset {ds_key}")
    filters = chart_filters(src)
    params = dict(src.get("params") or {})
    params.update(viz_type=viz, datasource="__placeholder__",
                  adhoc_filters=[_adhoc(f, i) for i, f in enumerate(filters)])
    if src.get("time_column"):
        params.setdefault("granularity_sqla", src["time_column"])
        params.setdefault("time_range", "No filter")
    params.setdefault("extra_form_data", {})
    params.setdefault("dashboards", [])
    query_context = {
        "datasource": {"id": 0, "type": "table"},
        "force": False,
        "queries": [build_query(viz, params, filters, datasets_src[ds_key])],
        "form_data": params,
        "result_format": "json",
        "result_type": "full",
    }
    return {
        "slice_name": src["slice_name"],
        "description": src.get("description"),
        "certified_by": None,
        "certification_details": None,
        "viz_type": viz,
        "params": params,
        "query_context": json.dumps(query_context, ensure_ascii=False),
        "cache_timeout": None,
        "uuid": stable_uuid("chart", key),
        "version": "1.0.0",
        "dataset_uuid": dataset_uuids[ds_key],
    }


# ---------------------------------------------------------------- dashboards

def build_position(title, layout, charts):
    """Superset's position tree from rows of 'chart_key:width:height' (12 columns per row)."""
    pos = {
        "DASHBOARD_VERSION_KEY": "v2",
        "ROOT_ID": {"type": "ROOT", "id": "ROOT_ID", "children": ["GRID_ID"]},
        "GRID_ID": {"type": "GRID", "id": "GRID_ID", "children": [], "parents": ["ROOT_ID"]},
        "HEADER_ID": {"id": "HEADER_ID", "type": "HEADER", "meta": {"text": title}},
    }
    for r, row in enumerate(layout):
        if isinstance(row, dict) and "markdown" in row:
            row_id, md_id = f"ROW-{r}", f"MARKDOWN-{r}"
            pos["GRID_ID"]["children"].append(row_id)
            pos[row_id] = {"type": "ROW", "id": row_id, "children": [md_id], "parents": ["ROOT_ID", "GRID_ID"],
                           "meta": {"background": "BACKGROUND_TRANSPARENT"}}
            pos[md_id] = {"type": "MARKDOWN", "id": md_id, "children": [], "parents": ["ROOT_ID", "GRID_ID", row_id],
                          "meta": {"width": 12, "height": row.get("height", 12), "code": row["markdown"]}}
            continue
        row_id = f"ROW-{r}"
        pos["GRID_ID"]["children"].append(row_id)
        pos[row_id] = {"type": "ROW", "id": row_id, "children": [], "parents": ["ROOT_ID", "GRID_ID"],
                       "meta": {"background": "BACKGROUND_TRANSPARENT"}}
        for cell in row:
            key, width, height = (cell.split(":") + ["4", "50"])[:3]
            if key not in charts:
                raise ValueError(f"dashboard {title}: unknown chart {key}")
            chart_id = f"CHART-{key}"
            pos[row_id]["children"].append(chart_id)
            pos[chart_id] = {"type": "CHART", "id": chart_id, "children": [],
                             "parents": ["ROOT_ID", "GRID_ID", row_id],
                             "meta": {"width": int(width), "height": int(height), "chartId": 0,
                                      "uuid": charts[key]["uuid"], "sliceName": charts[key]["slice_name"]}}
    return pos


def build_native_filter(dash_key, f, dataset_uuids):
    fid = f"NATIVE_FILTER-{dash_key}-{f['id']}"
    common = {"id": fid, "name": f["name"], "type": "NATIVE_FILTER", "description": f.get("description", ""),
              "scope": {"rootPath": ["ROOT_ID"], "excluded": []}, "cascadeParentIds": [], "tabsInScope": []}
    if f["type"] == "time":
        common.update(filterType="filter_time", targets=[{}], controlValues={"enableEmptyFilter": False},
                      defaultDataMask={"extraFormData": {}, "filterState": {}, "ownState": {}})
        return common
    default = f.get("default")
    common.update(
        filterType="filter_select",
        targets=[{"column": {"name": f["column"]}, "datasetUuid": dataset_uuids[f["dataset"]]}],
        controlValues={"enableEmptyFilter": False, "defaultToFirstItem": False,
                       "multiSelect": f.get("multi", True), "searchAllOptions": False,
                       "inverseSelection": False, "sortAscending": True},
        cascadeParentIds=[f"NATIVE_FILTER-{dash_key}-{p}" for p in f.get("parents", [])],
        defaultDataMask={
            "extraFormData": ({"filters": [{"col": f["column"], "op": "IN", "val": default}]} if default else {}),
            "filterState": ({"value": default} if default else {}),
            "ownState": {},
        },
    )
    return common


def build_dashboard(key, src, charts, dataset_uuids):
    position = build_position(src["dashboard_title"], src["layout"], charts)
    return {
        "dashboard_title": src["dashboard_title"],
        "description": src.get("description"),
        "css": src.get("css", ""),
        "slug": src.get("slug", key),
        "certified_by": None,
        "certification_details": None,
        "published": True,
        "uuid": stable_uuid("dashboard", key),
        "position": position,
        "metadata": {
            "color_scheme": src.get("color_scheme", "supersetColors"),
            "refresh_frequency": 0,
            "expanded_slices": {},
            "label_colors": {},
            "shared_label_colors": [],
            "color_scheme_domain": [],
            "timed_refresh_immune_slices": [],
            "cross_filters_enabled": False,
            "default_filters": "{}",
            "chart_configuration": {},
            "global_chart_configuration": {"scope": {"rootPath": ["ROOT_ID"], "excluded": []}, "chartsInScope": []},
            "native_filter_configuration": [build_native_filter(key, f, dataset_uuids)
                                            for f in src.get("native_filters", [])],
        },
        "version": "1.0.0",
    }


# ---------------------------------------------------------------- bundle

def build_files(sqlalchemy_uri, assets_dir=ASSETS_DIR, bundle_type="Dashboard"):
    """{path inside the bundle: YAML text}; bundle_type 'Dashboard' (UI import) or 'assets'."""
    src = load_sources(assets_dir)
    database = build_database(src["databases"]["buzzbeam"], sqlalchemy_uri)
    dataset_uuids = {k: stable_uuid("dataset", k) for k in src["datasets"]}
    files = {DATABASE_FILE: database}
    for k, d in src["datasets"].items():
        files[f"datasets/buzzbeam/{k}.yaml"] = build_dataset(k, d, database["uuid"])
    charts = {}
    for k, c in src["charts"].items():
        charts[k] = build_chart(k, c, src["datasets"], dataset_uuids)
        files[f"charts/{k}.yaml"] = charts[k]
    for k, d in src["dashboards"].items():
        files[f"dashboards/{k}.yaml"] = build_dashboard(k, d, charts, dataset_uuids)
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc) if stamp else dt.datetime.now(dt.timezone.utc)
    files["metadata.yaml"] = {"version": "1.0.0", "type": bundle_type,
                              "timestamp": when.isoformat(timespec="seconds")}
    return {p: yaml.safe_dump(v, allow_unicode=True, sort_keys=False, width=120) for p, v in files.items()}


def masked_uri(target, user):
    return target.sqlalchemy_uri(user=user, password=MASKED_PASSWORD)


def write_zip(files, out):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{ROOT}/{path}", date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[path])
    data = buf.getvalue()
    if out is None:
        return data
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "wb") as f:
        f.write(data)
    return data
