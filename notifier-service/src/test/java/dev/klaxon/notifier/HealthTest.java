package dev.klaxon.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import dev.klaxon.notifier.testing.FakeProviders;
import dev.klaxon.testkit.KlaxonTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness reflects the broker, the Kafka channels and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KlaxonTestResource.class, initArgs = @ResourceArg(name = "database",
        value = "klaxon_test_notifier"))
@WithTestResource(FakeProviders.class)
class HealthTest {

    @Test
    void readinessChecksKafkaAndPostgres() {
        given().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check",
                        "Reactive PostgreSQL connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
