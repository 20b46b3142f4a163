package oms.customers.customer;

import java.util.List;

/** A partial update: absent (null) fields keep their current value. */
record CustomerChanges(
        String email, String firstName, String lastName, String phone, List<String> tags, CustomerStatus status) {

    CustomerDraft applyTo(Customer current) {
        return new CustomerDraft(
                email != null ? email : current.email(),
                firstName != null ? firstName : current.firstName(),
                lastName != null ? lastName : current.lastName(),
                phone != null ? phone : current.phone(),
                tags != null ? tags : current.tags());
    }
}
