#!/usr/bin/env python3
"""Tests of bin/moto and bin/moto_patch.py: python3 bin/moto_test.py (or python3 -m unittest bin/moto_test.py).

Most tests talk to one bin/moto subprocess with boto3; a few run moto in-process
(mock_aws) to compare the patched TransactWriteItems with stock moto's.  The
test_fidelity_* tests record how moto 5.2.1 behaves where the service relies on
DynamoDB's documented behaviour; where moto differs, the test name says so.
"""

import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
import unittest
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

BIN = os.path.dirname(os.path.abspath(__file__))
LAUNCHER = os.path.join(BIN, "moto")
sys.path.insert(0, BIN)
import moto_patch  # noqa: E402

NO_RETRIES = Config(retries={"total_max_attempts": 1}, max_pool_connections=32)
CREDENTIALS = dict(region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
OUTCOMES = {"passed": 0, "failed": 0}


def S(value):
    return {"S": value}


def N(value):
    return {"N": str(value)}


def start_launcher(*args, stdin=subprocess.PIPE, stderr=subprocess.PIPE):
    """bin/moto as a subprocess; returns (process, port) once it printed its ready line."""
    process = subprocess.Popen([LAUNCHER, *args], stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = process.stdout.readline()
    if not line.startswith("moto ready on port "):
        process.kill()
        raise AssertionError(f"no ready line: {line!r}")
    return process, int(line.split()[-1])


def stop(process):
    if process.poll() is None:
        process.terminate()
        process.wait(10)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream:
            stream.close()


def client(service, port):
    return boto3.client(service, endpoint_url=f"http://127.0.0.1:{port}", config=NO_RETRIES, **CREDENTIALS)


def create_table(ddb, name, streams=False, sort_key=True):
    """The service's shape: pk/sk, and one GSI on gsi1pk/gsi1sk."""
    extra = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}} if streams else {}
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}] + ([{"AttributeName": "sk", "KeyType": "RANGE"}] if sort_key else []),
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                              for a in ("pk", "sk", "gsi1pk", "gsi1sk") if sort_key or a != "sk"],
        GlobalSecondaryIndexes=[{
            "IndexName": "gsi1", "Projection": {"ProjectionType": "ALL"},
            "KeySchema": [{"AttributeName": "gsi1pk", "KeyType": "HASH"}, {"AttributeName": "gsi1sk", "KeyType": "RANGE"}],
        }], **extra)
    return name


def scan(ddb, table):
    return ddb.scan(TableName=table, ConsistentRead=True)["Items"]


def query_gsi(ddb, table, value, values=None, **kwargs):
    return ddb.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :g",
                     ExpressionAttributeValues={":g": S(value), **(values or {})}, **kwargs)


def load(ddb, table, count, prefix="ITEM#"):
    for start in range(0, count, 25):
        ddb.batch_write_item(RequestItems={table: [
            {"PutRequest": {"Item": {"pk": S(f"{prefix}{i}"), "sk": S("A"), "v": N(1),
                                     "gsi1pk": S("ALL"), "gsi1sk": S(f"{i:06}")}}}
            for i in range(start, min(start + 25, count))]})


def cancellation(error):
    return error.exception.response


class Case(unittest.TestCase):
    """Counts outcomes for the summary line, whichever runner runs the file."""

    def run(self, result=None):
        result = result or self.defaultTestResult()
        before = len(result.failures) + len(result.errors)
        super().run(result)
        OUTCOMES["failed" if len(result.failures) + len(result.errors) > before else "passed"] += 1
        return result


class Server(Case):
    """Tests against one shared bin/moto; each test makes its own tables."""

    @classmethod
    def setUpClass(cls):
        cls.stderr = tempfile.TemporaryFile()  # moto logs its server errors (see test_fidelity_j) there
        cls.process, cls.port = start_launcher(stderr=cls.stderr)
        cls.ddb = client("dynamodb", cls.port)

    @classmethod
    def tearDownClass(cls):
        stop(cls.process)
        cls.stderr.close()

    def table(self, streams=False):
        return create_table(self.ddb, f"{self._testMethodName[:200]}-{time.monotonic_ns()}", streams)


class LauncherTest(Case):
    def test_ready_line_is_all_of_stdout_and_stdin_eof_stops_it(self):
        process, port = start_launcher("--port", "0")
        self.assertGreater(port, 0)
        client("dynamodb", port).list_tables()
        started = time.monotonic()
        process.stdin.close()
        self.assertEqual(process.wait(5), 0)
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(process.stdout.read(), "")
        self.assertEqual(process.stderr.read(), "")
        stop(process)

    def test_sigterm_stops_it(self):
        process, _ = start_launcher(stdin=subprocess.DEVNULL)
        process.terminate()
        self.assertEqual(process.wait(5), 0)
        stop(process)

    def test_parent_death_stops_it(self):
        parent = subprocess.run(
            [sys.executable, "-c", "import subprocess, sys;"
             f"p = subprocess.Popen([{LAUNCHER!r}], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL);"
             "p.stdout.readline(); print(p.pid)"],  # then the parent exits, leaving bin/moto orphaned
            capture_output=True, text=True, timeout=20)
        pid = int(parent.stdout)

        def running():
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    return stat.read().split()[2] != "Z"  # a zombie has exited
            except FileNotFoundError:
                return False

        deadline = time.monotonic() + 5
        while running() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(running(), "bin/moto still running after its parent died")

    def run_with_fake_moto(self, source):
        with tempfile.TemporaryDirectory() as fake:
            os.mkdir(os.path.join(fake, "moto"))
            with open(os.path.join(fake, "moto", "__init__.py"), "w") as f:
                f.write(source)
            env = dict(os.environ, PYTHONPATH=fake)
            return subprocess.run([LAUNCHER], capture_output=True, text=True, env=env, timeout=20,
                                  stdin=subprocess.DEVNULL)

    def test_launcher_refuses_another_moto_version(self):
        done = self.run_with_fake_moto('__version__ = "9.9.9"\n')
        self.assertEqual(done.returncode, 3)
        self.assertEqual(done.stdout, "")
        self.assertEqual(len(done.stderr.splitlines()), 1, done.stderr)
        self.assertIn("needs moto 5.2.1", done.stderr)
        self.assertIn("moto 9.9.9 is installed", done.stderr)

    def test_launcher_says_how_to_install_a_missing_moto(self):
        done = self.run_with_fake_moto('raise ImportError("No module named \'moto\'")\n')
        self.assertEqual(done.returncode, 3)
        self.assertEqual(done.stderr, "moto is not installed: pip install 'moto[server]==5.2.1'\n")

    def test_patch_refuses_another_moto_version(self):
        import moto
        from moto.dynamodb.models import DynamoDBBackend
        stock, real = DynamoDBBackend.transact_write_items, moto.__version__
        moto.__version__ = "5.3.0"
        try:
            with self.assertRaisesRegex(RuntimeError, r"written for moto 5\.2\.1, but moto 5\.3\.0 is installed"):
                moto_patch.apply()
        finally:
            moto.__version__ = real
        self.assertIs(DynamoDBBackend.transact_write_items, stock)


class TransactionTest(Server):
    def seed(self, table):
        for pk, extra in (("UPDATED", {"gsi1pk": S("G"), "gsi1sk": S("2")}), ("DELETED", {"gsi1pk": S("G"), "gsi1sk": S("3")}),
                          ("UNTOUCHED", {"gsi1pk": S("G"), "gsi1sk": S("4")}), ("CHECKED", {})):
            self.ddb.put_item(TableName=table, Item={"pk": S(pk), "sk": S("A"), "version": N(1), **extra})

    def transaction(self, table, check_passes=True, oversized_update=False):
        update = "SET version = version + :one, gsi1sk = :new" + (", big = :big" if oversized_update else "")
        values = {":one": N(1), ":v": N(1), ":new": S("9")}
        if oversized_update:
            values[":big"] = S("x" * 410_000)
        return [
            {"Put": {"TableName": table, "Item": {"pk": S("PUT"), "sk": S("A"), "gsi1pk": S("G"), "gsi1sk": S("1")},
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": table, "Key": {"pk": S("UPDATED"), "sk": S("A")}, "UpdateExpression": update,
                        "ConditionExpression": "version = :v", "ExpressionAttributeValues": values}},
            {"Delete": {"TableName": table, "Key": {"pk": S("DELETED"), "sk": S("A")}}},
            {"ConditionCheck": {"TableName": table, "Key": {"pk": S("CHECKED"), "sk": S("A")},
                                "ConditionExpression": "version = :v" if check_passes else "version = :two",
                                "ExpressionAttributeValues": {":v": N(1)} if check_passes else {":two": N(2)}}},
        ]

    def state(self, table):
        backwards = query_gsi(self.ddb, table, "G", ScanIndexForward=False, Limit=2)
        return scan(self.ddb, table), query_gsi(self.ddb, table, "G")["Items"], \
            backwards["Items"], backwards["LastEvaluatedKey"]

    def test_failed_transaction_leaves_every_item_as_it_was(self):
        table = self.table(streams=True)
        self.seed(table)
        before = self.state(table)
        with self.assertRaises(ClientError) as error:
            self.ddb.transact_write_items(TransactItems=self.transaction(table, check_passes=False))
        self.assertEqual(cancellation(error)["Error"]["Code"], "TransactionCanceledException")
        self.assertEqual([r["Code"] for r in cancellation(error)["CancellationReasons"]],
                         ["None", "None", "None", "ConditionalCheckFailed"])
        self.assertEqual(self.state(table), before)
        self.assertNotIn("Item", self.ddb.get_item(TableName=table, Key={"pk": S("PUT"), "sk": S("A")}))

    def test_transaction_refused_midway_leaves_every_item_as_it_was(self):
        table = self.table()
        self.seed(table)
        before = scan(self.ddb, table)
        # the Put is applied, then the Update makes an item over 400 KB: ValidationException, and rollback
        with self.assertRaises(ClientError) as error:
            self.ddb.transact_write_items(TransactItems=self.transaction(table, oversized_update=True))
        self.assertEqual(cancellation(error)["Error"]["Code"], "ValidationException")
        self.assertEqual(scan(self.ddb, table), before)

    def test_successful_transaction_applies_all_its_items(self):
        table = self.table()
        self.seed(table)
        self.ddb.transact_write_items(TransactItems=self.transaction(table))
        items = {i["pk"]["S"]: i for i in scan(self.ddb, table)}
        self.assertEqual(sorted(items), ["CHECKED", "PUT", "UNTOUCHED", "UPDATED"])
        self.assertEqual(items["UPDATED"]["version"], N(2))
        self.assertEqual([i["pk"]["S"] for i in query_gsi(self.ddb, table, "G")["Items"]], ["PUT", "UNTOUCHED", "UPDATED"])

    def time_transactions(self, size, rounds=20):
        table = self.table()
        load(self.ddb, table, size)
        self.ddb.put_item(TableName=table, Item={"pk": S("CHECKED"), "sk": S("A")})
        timings = []
        for i in range(rounds + 1):
            started = time.perf_counter()
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": S(f"NEW#{i}"), "sk": S("A")},
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Update": {"TableName": table, "Key": {"pk": S("ITEM#7"), "sk": S("A")},
                            "UpdateExpression": "SET v = v + :one", "ConditionExpression": "v = :v",
                            "ExpressionAttributeValues": {":one": N(1), ":v": N(i + 1)}}},
                {"ConditionCheck": {"TableName": table, "Key": {"pk": S("CHECKED"), "sk": S("A")},
                                    "ConditionExpression": "attribute_exists(pk)"}}])
            timings.append(time.perf_counter() - started)
        self.ddb.delete_table(TableName=table)
        return statistics.median(timings[1:]) * 1000

    def test_transaction_cost_does_not_grow_with_the_table(self):
        small, large = self.time_transactions(100), self.time_transactions(5000)
        print(f"\nTransactWriteItems via bin/moto (patched): {small:.1f} ms/tx at 100 items, "
              f"{large:.1f} ms/tx at 5,000 items", flush=True)
        self.assertLess(large, 3 * small + 5)


class PatchInProcessTest(Case):
    """moto in-process: the patched method against stock moto's, on the same requests."""

    def backends(self):
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
        stock, patched = (dynamodb_backends[DEFAULT_ACCOUNT_ID][region] for region in ("us-east-1", "us-west-2"))
        stock.transact_write_items = types.MethodType(STOCK_TRANSACT_WRITE_ITEMS, stock)
        patched.transact_write_items = types.MethodType(moto_patch.transact_write_items, patched)
        self.assertIsNot(DynamoDBBackend.transact_write_items, moto_patch.transact_write_items)
        return stock, patched

    def test_unpatched_cost_for_the_record(self):
        from moto import mock_aws
        with mock_aws():
            self.backends()
            figures = {}
            for region, name in (("us-east-1", "stock"), ("us-west-2", "patched")):
                ddb = boto3.client("dynamodb", **dict(CREDENTIALS, region_name=region))
                table = create_table(ddb, "timing")
                load(ddb, table, 1000)
                timings = []
                for i in range(5):
                    started = time.perf_counter()
                    ddb.transact_write_items(TransactItems=[
                        {"Put": {"TableName": table, "Item": {"pk": S(f"NEW#{i}"), "sk": S("A")},
                                 "ConditionExpression": "attribute_not_exists(pk)"}},
                        {"ConditionCheck": {"TableName": table, "Key": {"pk": S("ITEM#1"), "sk": S("A")},
                                            "ConditionExpression": "attribute_exists(pk)"}}])
                    timings.append(time.perf_counter() - started)
                figures[name] = statistics.median(timings) * 1000
        print(f"\nTransactWriteItems in-process at 1,000 items: stock moto {figures['stock']:.1f} ms/tx, "
              f"patched {figures['patched']:.1f} ms/tx", flush=True)
        self.assertLess(figures["patched"], figures["stock"])

    def test_patched_and_stock_moto_agree_on_random_transactions(self):
        from moto import mock_aws
        rng = random.Random(20260101)
        keys = [(pk, sk) for pk in "abc" for sk in "12"]
        with mock_aws():
            stock, patched = self.backends()
            clients = [boto3.client("dynamodb", **dict(CREDENTIALS, region_name=r)) for r in ("us-east-1", "us-west-2")]
            for ddb in clients:
                create_table(ddb, "t", streams=True)
                create_table(ddb, "u")
                create_table(ddb, "h", sort_key=False)
                for pk, sk in keys[::2]:
                    ddb.put_item(TableName="t", Item={"pk": S(pk), "sk": S(sk), "v": N(0), "gsi1pk": S("G"), "gsi1sk": S(pk + sk)})
                    ddb.put_item(TableName="h", Item={"pk": S(pk + sk), "v": N(0)})

            def operation():
                pk, sk = rng.choice(keys)
                table = rng.choice(["t", "t", "t", "u", "h", "h", "missing"])
                key = {"pk": S(pk + sk)} if table == "h" else {"pk": S(pk), "sk": S(sk)}
                condition = rng.choice([None, "attribute_not_exists(pk)", "attribute_exists(pk)", "v = :v"])
                op = {"TableName": table}
                if condition:
                    op["ConditionExpression"] = condition
                    op["ReturnValuesOnConditionCheckFailure"] = rng.choice(["ALL_OLD", "NONE"])
                if condition == "v = :v":
                    op["ExpressionAttributeValues"] = {":v": N(rng.randrange(3))}
                kind = rng.choice(["Put", "Update", "Delete", "ConditionCheck"])
                if kind == "ConditionCheck" and not condition:
                    op["ConditionExpression"] = "attribute_exists(pk)"
                if kind == "Put":
                    op["Item"] = dict(key, v=N(rng.randrange(3)), **({"gsi1pk": S("G"), "gsi1sk": S(sk + pk)} if rng.random() < .5 else {}))
                    if rng.random() < 0.05:
                        op["Item"]["big"] = S("x" * 410_000)
                else:
                    op["Key"] = key
                if kind == "Update":
                    op["UpdateExpression"] = rng.choice(["SET v = :n", "SET gsi1pk = :g, gsi1sk = :n2", "REMOVE gsi1pk"])
                    values = {":n": N(rng.randrange(3)), ":g": S("G"), ":n2": S(str(rng.randrange(9)))}
                    used = {k: v for k, v in values.items() if k in op["UpdateExpression"]}
                    if used or "ExpressionAttributeValues" in op:
                        op["ExpressionAttributeValues"] = dict(op.get("ExpressionAttributeValues", {}), **used)
                return {kind: op}

            def outcome(ddb, items):
                try:
                    ddb.transact_write_items(TransactItems=items)
                    return "ok"
                except ClientError as e:
                    return e.response["Error"], e.response.get("CancellationReasons")

            def state(backend):  # every item, in moto's dict order (Scan's order), and the stream records
                tables = {name: [(bucket, [(i.range_key, i.to_json()) for i in items.values()])
                                 for bucket, items in backend.get_table(name).items.items()] for name in ("t", "u")}
                tables["h"] = [(key, item.to_json()) for key, item in backend.get_table("h").items.items()]
                shard = backend.get_table("t").stream_shard
                return tables, [(r.record["eventName"], r.record["dynamodb"].get("Keys")) for r in shard.items]

            outcomes = set()
            for _ in range(300):
                items = [operation() for _ in range(rng.randint(1, 4))]
                results = [outcome(ddb, json.loads(json.dumps(items))) for ddb in clients]
                self.assertEqual(results[0], results[1], items)
                self.assertEqual(state(stock), state(patched), items)
                outcomes.add(results[0] if results[0] == "ok" else results[0][0]["Code"])
            self.assertEqual(*[(scan(ddb, "t"), query_gsi(ddb, "t", "G")["Items"]) for ddb in clients])
            self.assertEqual(outcomes, {"ok", "TransactionCanceledException", "ValidationException",
                                        "ResourceNotFoundException"})


class ConcurrencyTest(Server):
    def race(self, attempt, threads=20):
        barrier = threading.Barrier(threads)
        results = [None] * threads

        def run(i):
            barrier.wait()
            try:
                attempt(i)
                results[i] = "ok"
            except ClientError as e:
                results[i] = e.response["Error"]["Code"]

        workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(30)
        return results

    def test_requests_are_handled_one_at_a_time(self):
        # The races below do not reproduce from one Python client even without the lock;
        # this shows the lock itself: a GetItem sent during a slow Scan waits for the Scan.
        table = self.table()
        load(self.ddb, table, 500)
        finished = {}
        scanning = client("dynamodb", self.port)
        scanning.meta.events.register("before-parse.dynamodb.Scan",  # the response is in, not yet parsed
                                      lambda **_: finished.setdefault("scan", time.monotonic()))

        def slow_scan():
            scanning.scan(TableName=table)

        scanner = threading.Thread(target=slow_scan)
        started = time.monotonic()
        scanner.start()
        time.sleep(0.1)
        get_sent = time.monotonic()
        self.ddb.get_item(TableName=table, Key={"pk": S("ITEM#1"), "sk": S("A")})
        finished["get"] = time.monotonic()
        scanner.join(30)
        self.assertGreater(finished["scan"] - get_sent, 0.05, "the Scan was too fast to show anything")
        # Alone, the GetItem takes a few milliseconds; behind the lock it answers only once the Scan has. The two
        # clients see their answers within a few milliseconds of each other, in either order (thread scheduling).
        self.assertGreater(finished["get"], finished["scan"] - 0.02)

    def test_one_of_twenty_concurrent_claims_of_a_username_wins(self):
        for _ in range(10):
            table = self.table()
            results = self.race(lambda i: self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": S("USERNAME#same"), "sk": S("USERNAME"), "user": S(str(i))},
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": {"pk": S(f"USER#{i}"), "sk": S("USER")},
                         "ConditionExpression": "attribute_not_exists(pk)"}}]))
            self.assertEqual(sorted(results), ["TransactionCanceledException"] * 19 + ["ok"])
            items = scan(self.ddb, table)
            self.assertEqual(sorted(i["sk"]["S"] for i in items), ["USER", "USERNAME"])
            winner = results.index("ok")
            self.assertEqual({i["pk"]["S"] for i in items}, {"USERNAME#same", f"USER#{winner}"})

    def test_one_of_twenty_concurrent_conditional_updates_wins(self):
        for _ in range(10):
            table = self.table()
            key = {"pk": S("USER#1"), "sk": S("USER")}
            self.ddb.put_item(TableName=table, Item=dict(key, version=N(7)))
            results = self.race(lambda i: self.ddb.update_item(
                TableName=table, Key=key, UpdateExpression="SET version = version + :one, who = :who",
                ConditionExpression="version = :v0", ExpressionAttributeValues={":one": N(1), ":v0": N(7), ":who": N(i)}))
            self.assertEqual(sorted(results), ["ConditionalCheckFailedException"] * 19 + ["ok"])
            item = self.ddb.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"]
            self.assertEqual((item["version"], item["who"]), (N(8), N(results.index("ok"))))


class OutboxTest(Server):
    def outbox(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_outbox", timeout=10) as response:
            self.assertEqual(response.headers["Content-Type"], "application/json")
            return json.load(response)

    def test_kms_signs_a_digest_as_it_is_as_kms_does(self):
        import hashlib

        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec, utils as asymmetric

        kms = client("kms", self.port)
        key = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
        message = b"header.payload"
        digest = hashlib.sha256(message).digest()
        public = serialization.load_der_public_key(kms.get_public_key(KeyId=key)["PublicKey"])

        signed = kms.sign(KeyId=key, Message=digest, MessageType="DIGEST", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
        public.verify(signed, digest, ec.ECDSA(asymmetric.Prehashed(hashes.SHA256())))  # raises if not
        public.verify(signed, message, ec.ECDSA(hashes.SHA256()))  # the same: a signature of the message
        raw = kms.sign(KeyId=key, Message=message, MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256")["Signature"]
        public.verify(raw, message, ec.ECDSA(hashes.SHA256()))
        with self.assertRaises(ClientError):
            kms.sign(KeyId=key, Message=b"short", MessageType="DIGEST", SigningAlgorithm="ECDSA_SHA_256")

    def test_outbox_shows_both_parts_of_a_simple_message(self):
        ses = client("sesv2", self.port)
        ses.create_email_identity(EmailIdentity="noreply@example.com")
        content = {"Simple": {"Subject": {"Data": "Your code"},
                              "Body": {"Text": {"Data": "Code: 123456"}, "Html": {"Data": "<p>Code: <b>123456</b></p>"}}}}
        sent = ses.send_email(FromEmailAddress="noreply@example.com", Destination={"ToAddresses": ["ann@example.com"]},
                              Content=content)
        with self.assertRaises(ClientError):  # moto refuses unverified senders, as SES does
            ses.send_email(FromEmailAddress="other@example.org", Destination={"ToAddresses": ["bob@example.com"]},
                           Content=content)
        accepted, refused = self.outbox()[-2:]
        self.assertEqual(accepted["MessageId"], sent["MessageId"])
        self.assertEqual(accepted["FromEmailAddress"], "noreply@example.com")
        self.assertEqual(accepted["Destination"], {"ToAddresses": ["ann@example.com"]})
        self.assertEqual(accepted["Content"], content)
        self.assertNotIn("error", accepted)
        self.assertLess(abs(datetime.datetime.fromisoformat(accepted["receivedAt"]).timestamp() - time.time()), 60)
        self.assertIsNone(refused["MessageId"])
        self.assertIn("MessageRejected", refused["error"])
        self.assertEqual(refused["Destination"], {"ToAddresses": ["bob@example.com"]})

    def test_outbox_is_emptied_by_delete_and_by_motos_reset(self):
        ses = client("sesv2", self.port)
        ses.create_email_identity(EmailIdentity="noreply@example.com")
        mail = dict(FromEmailAddress="noreply@example.com", Destination={"ToAddresses": ["ann@example.com"]},
                    Content={"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hello"}}}})
        ses.send_email(**mail)
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/_outbox", method="DELETE")
        with urllib.request.urlopen(request, timeout=10) as response:
            self.assertEqual(json.load(response)[-1]["Content"], mail["Content"])
        self.assertEqual(self.outbox(), [])
        ses.send_email(**mail)
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{self.port}/moto-api/reset", method="POST"),
                               timeout=10).close()
        self.assertEqual(self.outbox(), [])


class FidelityTest(Server):
    """How moto 5.2.1 behaves where the service relies on DynamoDB's documented behaviour."""

    def put(self, table, pk, **attrs):
        self.ddb.put_item(TableName=table, Item={"pk": S(pk), "sk": S("A"), **attrs})

    def test_fidelity_a_cancellation_reasons_carry_the_old_item_in_order(self):
        table = self.table()
        self.put(table, "X", version=N(1))
        self.put(table, "Y", version=N(1))
        with self.assertRaises(ClientError) as error:
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": table, "Item": {"pk": S("NEW"), "sk": S("A")}, "ConditionExpression": "attribute_not_exists(pk)",
                         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                {"Update": {"TableName": table, "Key": {"pk": S("X"), "sk": S("A")}, "UpdateExpression": "SET version = :two",
                            "ConditionExpression": "version = :two", "ExpressionAttributeValues": {":two": N(2)},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                {"ConditionCheck": {"TableName": table, "Key": {"pk": S("Y"), "sk": S("A")},
                                    "ConditionExpression": "attribute_exists(pk)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}])
        self.assertEqual(cancellation(error)["CancellationReasons"], [
            {"Code": "None"},
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
             "Item": {"pk": S("X"), "sk": S("A"), "version": N(1)}},
            {"Code": "None"}])

    def test_fidelity_b_conditional_check_failed_carries_the_old_item(self):
        table = self.table()
        self.put(table, "X", version=N(1))
        key = {"pk": S("X"), "sk": S("A")}
        common = dict(TableName=table, ConditionExpression="version = :two", ExpressionAttributeValues={":two": N(2)},
                      ReturnValuesOnConditionCheckFailure="ALL_OLD")
        for call in (lambda: self.ddb.put_item(Item=key, **common),
                     lambda: self.ddb.update_item(Key=key, UpdateExpression="SET version = :two", **common),
                     lambda: self.ddb.delete_item(Key=key, **common)):
            with self.assertRaises(ClientError) as error:
                call()
            self.assertEqual(cancellation(error)["Error"]["Code"], "ConditionalCheckFailedException")
            self.assertEqual(cancellation(error)["Item"], dict(key, version=N(1)))

    def test_fidelity_c_gsis_are_sparse(self):
        table = self.table()
        self.put(table, "BOTH", gsi1pk=S("G"), gsi1sk=S("1"))
        self.put(table, "NO-SORT-KEY", gsi1pk=S("G"))
        self.put(table, "NO-HASH-KEY", gsi1sk=S("2"))
        self.assertEqual([i["pk"]["S"] for i in query_gsi(self.ddb, table, "G")["Items"]], ["BOTH"])
        self.assertEqual([i["pk"]["S"] for i in self.ddb.scan(TableName=table, IndexName="gsi1")["Items"]], ["BOTH"])

    def test_fidelity_d_query_select_count(self):
        table = self.table()
        for i in range(5):
            self.put(table, f"P{i}", gsi1pk=S("G"), gsi1sk=S(str(i)))
        counted = query_gsi(self.ddb, table, "G", Select="COUNT")
        self.assertEqual((counted["Count"], "Items" in counted), (5, False))
        counted = query_gsi(self.ddb, table, "G", Select="COUNT", FilterExpression="pk <> :p",
                            values={":p": S("P0")})
        self.assertEqual(counted["Count"], 4)

    def test_fidelity_e_moto_never_deletes_expired_items(self):
        table = self.table()
        self.ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
        self.put(table, "EXPIRED", expiresAt=N(int(time.time()) - 86400 * 30))
        self.assertIn("Item", self.ddb.get_item(TableName=table, Key={"pk": S("EXPIRED"), "sk": S("A")}))

    def test_fidelity_f_transaction_and_item_size_limits(self):
        table = self.table()
        puts = [{"Put": {"TableName": table, "Item": {"pk": S(f"P{i}"), "sk": S("A")}}} for i in range(101)]
        with self.assertRaises(ClientError) as error:
            self.ddb.transact_write_items(TransactItems=puts)
        self.assertEqual(cancellation(error)["Error"]["Code"], "ValidationException")
        self.assertIn("less than or equal to 100", cancellation(error)["Error"]["Message"])
        self.ddb.transact_write_items(TransactItems=puts[:100])
        # DynamoDB's limit is 400 KB (409,600 bytes); moto's is 405,000 bytes (names and values)
        big = {"pk": S("BIG"), "sk": S("A"), "data": S("x" * 410_000)}
        for call in (lambda: self.ddb.put_item(TableName=table, Item=big),
                     lambda: self.ddb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": big}}]),
                     lambda: self.ddb.update_item(TableName=table, Key={"pk": S("P1"), "sk": S("A")}, UpdateExpression="SET d = :d",
                                                  ExpressionAttributeValues={":d": big["data"]})):
            with self.assertRaises(ClientError) as error:
                call()
            self.assertEqual(cancellation(error)["Error"]["Code"], "ValidationException")
        self.ddb.put_item(TableName=table, Item=dict(big, data=S("x" * 399_000)))

    def test_fidelity_g_two_operations_on_one_item(self):
        table = self.table()
        key = {"pk": S("X"), "sk": S("A")}
        with self.assertRaises(ClientError) as error:
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": table, "Item": key}},
                {"ConditionCheck": {"TableName": table, "Key": key, "ConditionExpression": "attribute_not_exists(pk)"}}])
        self.assertEqual(cancellation(error)["Error"]["Code"], "ValidationException")
        self.assertIn("multiple operations on one item", cancellation(error)["Error"]["Message"])
        self.assertEqual(scan(self.ddb, table), [])

    def pages(self, table, **kwargs):
        pages, start = [], {}
        while True:
            page = query_gsi(self.ddb, table, "G", **kwargs, **start)
            pages.append([i["pk"]["S"] for i in page["Items"]])
            if "LastEvaluatedKey" not in page:
                return pages
            self.assertEqual(set(page["LastEvaluatedKey"]), {"pk", "sk", "gsi1pk", "gsi1sk"})
            start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}

    def test_fidelity_h_gsi_pages_forwards_and_backwards(self):
        table = self.table()
        for i in range(10):  # gsi1sk ties between items: pages must still neither repeat nor skip
            self.put(table, f"P{i}", gsi1pk=S("G"), gsi1sk=S(str(i % 3)))
        forwards = self.pages(table, Limit=4)
        self.assertEqual([len(p) for p in forwards], [4, 4, 2])
        backwards = self.pages(table, Limit=4, ScanIndexForward=False)
        self.assertEqual(sum(backwards, []), list(reversed(sum(forwards, []))))
        self.assertEqual(sorted(sum(forwards, [])), [f"P{i}" for i in range(10)])

    def test_fidelity_h_moto_differs_no_last_evaluated_key_when_the_last_page_is_exactly_full(self):
        table = self.table()
        for i in range(10):
            self.put(table, f"P{i}", gsi1pk=S("G"), gsi1sk=S(str(i)))
        # DynamoDB returns a LastEvaluatedKey whenever it stops at Limit (then an empty page); moto does not.
        self.assertEqual([len(p) for p in self.pages(table, Limit=5)], [5, 5])

    def test_fidelity_i_empty_string_keys_are_refused(self):
        table = self.table()
        empty = {"pk": S(""), "sk": S("A")}
        for call in (lambda: self.ddb.put_item(TableName=table, Item=empty),
                     lambda: self.ddb.get_item(TableName=table, Key=empty),
                     lambda: self.ddb.query(TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": S("")}),
                     lambda: self.ddb.put_item(TableName=table, Item={"pk": S("X"), "sk": S("A"), "gsi1pk": S("")}),
                     lambda: self.ddb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": empty}}]),
                     lambda: self.ddb.transact_write_items(TransactItems=[{"Update": {
                         "TableName": table, "Key": empty, "UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": N(1)}}}])):
            with self.assertRaises(ClientError) as error:
                call()
            self.assertEqual(cancellation(error)["Error"]["Code"], "ValidationException")

    def test_fidelity_i_moto_differs_update_and_delete_accept_an_empty_string_key(self):
        table = self.table()
        empty = {"pk": S(""), "sk": S("A")}
        self.ddb.update_item(TableName=table, Key=empty, UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": N(1)})
        self.assertEqual(scan(self.ddb, table), [dict(empty, v=N(1))])  # DynamoDB: ValidationException
        self.ddb.delete_item(TableName=table, Key=empty)  # DynamoDB: ValidationException
        self.ddb.transact_write_items(TransactItems=[{"Delete": {"TableName": table, "Key": empty}}])  # likewise

    def test_fidelity_j_moto_differs_lone_surrogates_and_invalid_utf8_are_server_errors(self):
        table = self.table()
        with self.assertRaises(ClientError) as error:
            self.put(table, "X", name=S("lone \ud800 surrogate"))
        self.assertEqual(cancellation(error)["ResponseMetadata"]["HTTPStatusCode"], 500)

        def corrupt(request, **_):
            request.body = request.body.replace(b"CORRUPT", b"\xff\xfe")
            request.headers["Content-Length"] = str(len(request.body))

        ddb = client("dynamodb", self.port)
        ddb.meta.events.register("before-send.dynamodb.PutItem", corrupt)
        with self.assertRaises(ClientError) as error:
            ddb.put_item(TableName=table, Item={"pk": S("X"), "sk": S("A"), "name": S("CORRUPT")})
        self.assertEqual(cancellation(error)["ResponseMetadata"]["HTTPStatusCode"], 500)
        self.assertEqual(scan(self.ddb, table), [])
        # a valid astral character (a surrogate pair in Java and JSON) is fine
        self.put(table, "Y", name=S("emoji \U0001F600"))
        self.assertEqual(scan(self.ddb, table)[0]["name"], S("emoji \U0001F600"))


def tearDownModule():
    print(f"\nmoto launcher: {OUTCOMES['passed']} passed, {OUTCOMES['failed']} failed", flush=True)


from moto.dynamodb.models import DynamoDBBackend  # noqa: E402  (stock, whatever a test patches later)

STOCK_TRANSACT_WRITE_ITEMS = DynamoDBBackend.transact_write_items

if __name__ == "__main__":
    unittest.main(verbosity=2)
