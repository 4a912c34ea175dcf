package dev.klaxon.escalation.user;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.klaxon.events.ContactMethod;
import dev.klaxon.events.ContactType;

/** A person who can be paged, with the ways to reach them. */
public record User(UUID id, String name, String email, String phone, String slackUserId, String timeZone,
        String role) {

    /** Every contact method the person has, used at once: Slack, SMS and email. */
    public List<ContactMethod> contactMethods() {
        List<ContactMethod> methods = new ArrayList<>();
        if (slackUserId != null && !slackUserId.isBlank()) {
            methods.add(new ContactMethod(ContactType.SLACK, slackUserId, 0));
        }
        if (phone != null && !phone.isBlank()) {
            methods.add(new ContactMethod(ContactType.SMS, phone, 0));
        }
        if (email != null && !email.isBlank()) {
            methods.add(new ContactMethod(ContactType.EMAIL, email, 0));
        }
        return methods;
    }
}
