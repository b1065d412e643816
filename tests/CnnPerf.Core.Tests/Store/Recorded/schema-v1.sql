-- The tables of a results store of schema version 1, as CnnPerf 0.1 wrote them.
CREATE TABLE schema_info (version INTEGER NOT NULL, application TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, started_utc TEXT NOT NULL, hostname TEXT NOT NULL, cpu_model TEXT, cpu_flags TEXT NOT NULL,
    logical_cores INTEGER NOT NULL, governor TEXT, frequency_mhz REAL, max_frequency_mhz REAL, kernel TEXT NOT NULL,
    os TEXT NOT NULL, dotnet_version TEXT NOT NULL, tool_version TEXT NOT NULL, backend_versions_json TEXT NOT NULL,
    temperatures_json TEXT NOT NULL);
CREATE TABLE configurations (
    id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), model TEXT NOT NULL, model_path TEXT NOT NULL,
    backend TEXT NOT NULL, backend_version TEXT, threads INTEGER NOT NULL, batch INTEGER NOT NULL, input_seed INTEGER NOT NULL,
    settings_json TEXT NOT NULL, measurement TEXT NOT NULL, pin_cpus TEXT NOT NULL, status TEXT NOT NULL,
    load_start_ns INTEGER NOT NULL, load_end_ns INTEGER NOT NULL, measured_start_ns INTEGER NOT NULL,
    measured_end_ns INTEGER NOT NULL, finished_utc TEXT NOT NULL);
CREATE TABLE metrics (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), metric_id TEXT NOT NULL, value REAL,
    unit TEXT NOT NULL, provenance TEXT NOT NULL, running_share REAL, PRIMARY KEY (configuration_id, metric_id));
CREATE TABLE samples (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), iteration INTEGER NOT NULL,
    start_ns INTEGER NOT NULL, latency_ms REAL NOT NULL, PRIMARY KEY (configuration_id, iteration));
CREATE TABLE sample_counters (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), iteration INTEGER NOT NULL,
    metric_id TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (configuration_id, iteration, metric_id));
CREATE TABLE layer_timings (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), position INTEGER NOT NULL, model TEXT NOT NULL,
    backend TEXT NOT NULL, threads INTEGER NOT NULL, node TEXT NOT NULL, op_type TEXT NOT NULL, mean_ms REAL NOT NULL,
    PRIMARY KEY (configuration_id, position));
CREATE TABLE power_samples (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), monotonic_s REAL NOT NULL,
    watts REAL NOT NULL, joules REAL);
CREATE TABLE counter_status (
    configuration_id INTEGER NOT NULL REFERENCES configurations(id), metric_id TEXT NOT NULL, event_name TEXT NOT NULL,
    kind TEXT NOT NULL, available INTEGER NOT NULL, errno TEXT, reason TEXT);
CREATE TABLE failures (
    configuration_id INTEGER PRIMARY KEY REFERENCES configurations(id), kind TEXT NOT NULL, message TEXT NOT NULL,
    exit_code INTEGER, signal INTEGER, stderr_tail TEXT);
INSERT INTO schema_info (version, application) VALUES (1, 'cnnperf');
PRAGMA user_version = 1;
