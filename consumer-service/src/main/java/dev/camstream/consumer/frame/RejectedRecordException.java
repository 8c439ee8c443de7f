package dev.camstream.consumer.frame;

/** A record that breaks wire format v1; carries the reason it is counted under. */
public class RejectedRecordException extends Exception {

    private final RejectReason reason;

    public RejectedRecordException(RejectReason reason, String detail) {
        super(reason.label() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
