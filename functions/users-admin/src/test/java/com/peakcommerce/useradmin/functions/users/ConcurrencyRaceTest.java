package com.peakcommerce.useradmin.functions.users;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.peakcommerce.useradmin.domain.AuditEntry;
import com.peakcommerce.useradmin.domain.Role;
import com.peakcommerce.useradmin.domain.User;
import com.peakcommerce.useradmin.domain.UserQuery;
import com.peakcommerce.useradmin.testing.Answer;
import com.peakcommerce.useradmin.testing.Events;
import com.peakcommerce.useradmin.testing.World;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static com.peakcommerce.useradmin.testing.World.CUSTOMER_ID;
import static com.peakcommerce.useradmin.testing.World.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Twenty requests released at once through the real handlers against the moto server: DynamoDB's
 * guarantees (one winner of a conditional write, linearizable transactions) must hold in the emulator,
 * or these fail. Ten rounds of each, every one on a fresh table.
 */
class ConcurrencyRaceTest {
    private static final int REQUESTS = 20;
    private final World world = World.seeded();

    @RepeatedTest(10)
    void twentyCreatesOfOneUsernameInDifferentCaseMakeExactlyOneUser() throws Exception {
        List<Integer> statuses = concurrently(i -> () -> {
            APIGatewayV2HTTPEvent event = Events.load("create-user");
            event.setBody(event.getBody().replace("carla.customer@example.com", differentCase("carla.customer@example.com", i)));
            return Answer.of(new CreateUserHandler(world.administration, world.http), event).status();
        });

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(REQUESTS - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        List<User> holders = world.repository.list(TENANT, new UserQuery(null, null, null, null, null, null, "carla.customer@", null), 100, null).items();
        assertEquals(1, holders.size(), "one user holds the username");
        assertEquals(1, world.identityProvider.logins.values().stream().filter(l -> l.email().equalsIgnoreCase("carla.customer@example.com")).count(),
                "one login");
        assertEquals(List.of(AuditEntry.Action.USER_CREATED), actions(holders.getFirst().id()));
    }

    @RepeatedTest(10)
    void twentyPatchesOfOneVersionLeaveExactlyOneChange() throws Exception {
        world.seedUser(TENANT, CUSTOMER_ID, Role.CUSTOMER, "Carla", "Customer", "carla@example.com");
        long version = world.stored(CUSTOMER_ID).version();
        List<String> before = actions(CUSTOMER_ID).stream().map(Enum::name).toList();

        List<Integer> statuses = concurrently(i -> () -> {
            APIGatewayV2HTTPEvent event = Events.load("update-user");
            event.setBody("{\"jobTitle\":\"Title " + i + "\"}");
            event.getHeaders().put("if-match", "\"" + version + "\"");
            return Answer.of(new UpdateUserHandler(world.administration, world.http), event).status();
        });

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(REQUESTS - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        assertEquals(version + 1, world.stored(CUSTOMER_ID).version());
        List<String> after = actions(CUSTOMER_ID).stream().map(Enum::name).toList();
        assertEquals(before.size() + 1, after.size(), "one audit entry for the one change: " + after);
        assertEquals(1, after.stream().filter("USER_UPDATED"::equals).count(), after.toString());
    }

    private List<AuditEntry.Action> actions(String userId) {
        return world.directory.auditTrail(world.admin, userId, 100, null).items().stream().map(AuditEntry::action).toList();
    }

    /** {@code email} with the case of some letters changed, differently for each {@code i}. */
    private static String differentCase(String email, int i) {
        StringBuilder out = new StringBuilder(email);
        for (int bit = 0; bit < 5; bit++) {
            if ((i >> bit & 1) == 1) out.setCharAt(bit, Character.toUpperCase(out.charAt(bit)));
        }
        return i == 0 ? email.toUpperCase(Locale.ROOT) : out.toString();
    }

    /** Runs {@value #REQUESTS} requests at once, released together; their statuses. */
    private static List<Integer> concurrently(IntFunction<Callable<Integer>> request) throws Exception {
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(REQUESTS)) {
            List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Callable<Integer> call = request.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var future : futures) statuses.add(future.get());
            return statuses;
        }
    }
}
