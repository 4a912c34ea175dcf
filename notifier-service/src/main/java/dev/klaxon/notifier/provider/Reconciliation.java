package dev.klaxon.notifier.provider;

/**
 * What a provider says about a send interrupted by a crash.
 *
 * @param providerMessageId the message there, when it was delivered
 * @param detail how that was found out, for the delivery log
 */
public record Reconciliation(Verdict verdict, String providerMessageId, String detail) {

    /** What became of the interrupted send. */
    public enum Verdict {
        /** The provider has the message: it is recorded delivered and not sent again. */
        DELIVERED,
        /** The provider has no such message: it is sent again. */
        NOT_THERE,
        /** Sending it again cannot make a second message (an update in place): it is sent again. */
        REPEATABLE,
        /** Nobody can tell (SMTP, a webhook, a failed look-up): it is sent again, and the log says so. */
        UNKNOWABLE
    }

    public static Reconciliation delivered(String providerMessageId, String detail) {
        return new Reconciliation(Verdict.DELIVERED, providerMessageId, detail);
    }

    public static Reconciliation notThere(String detail) {
        return new Reconciliation(Verdict.NOT_THERE, null, detail);
    }

    public static Reconciliation repeatable(String detail) {
        return new Reconciliation(Verdict.REPEATABLE, null, detail);
    }

    public static Reconciliation unknowable(String detail) {
        return new Reconciliation(Verdict.UNKNOWABLE, null, detail);
    }
}
