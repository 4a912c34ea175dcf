-- One database per service (ARCHITECTURE.md: each service owns its schema). Runs once, on an empty volume.
CREATE DATABASE klaxon_ingest;
CREATE DATABASE klaxon_triage;
CREATE DATABASE klaxon_escalation;
CREATE DATABASE klaxon_notifier;
