/**
 * alert-ingest: receives monitoring webhooks, reads each sender's format into canonical alerts and makes them
 * durable on {@code alerts.normalized} before answering.
 */
package dev.klaxon.ingest;
