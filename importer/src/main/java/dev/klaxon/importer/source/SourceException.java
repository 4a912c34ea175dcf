package dev.klaxon.importer.source;

/** A source or Klaxon could not be read or written; the message says which request and why. */
public class SourceException extends RuntimeException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
