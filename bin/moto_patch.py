"""The project's patch of moto 5.2.1: its DynamoDB backend and its KMS Sign; see apply().

Stock moto 5.2.1 backs up a transaction by deep-copying every table it names
(DynamoDBBackend.transact_write_items: original_table_state[...] =
copy.deepcopy(table)) and swaps the copies back in on failure, so one
TransactWriteItems costs time proportional to the table (measured: 11 ms at
100 items, 90 ms at 1,000, 870 ms at 10,000).  The patch replaces that one
method with a copy of moto's own logic that remembers only the items the
transaction touches and restores only those on failure.

Why only items: moto keeps a table's items in Table.items (hash key -> Item, or
hash key -> {range key -> Item}); global and local secondary indexes are not
stored, Table.query and Table.scan compute them from Table.items on every call,
so restoring the items restores the indexes too.  The one other piece of table
state a write changes is the stream shard's record list, which is restored too.

KMS: stock moto 5.2.1 ignores Sign's MessageType=DIGEST ("not yet implemented")
and hashes the digest again, so a signature over a digest does not verify as
KMS's would.  The log-in-as signer sends the SHA-256 digest of the JWS signing
input, as KMS allows; for ECDSA keys the patch signs such a digest as it is
(prehashed).  Other key types and RAW messages go to moto's own Sign.
"""

import copy

import moto

MOTO_VERSION = "5.2.1"  # the moto release whose transact_write_items is copied below


def apply() -> None:
    """Patch moto's DynamoDBBackend in this process; refuse on any other moto release."""
    if moto.__version__ != MOTO_VERSION:
        raise RuntimeError(
            f"bin/moto_patch.py was written for moto {MOTO_VERSION}, "
            f"but moto {moto.__version__} is installed: pip install 'moto[server]=={MOTO_VERSION}'"
        )
    from moto.dynamodb.models import DynamoDBBackend
    from moto.kms.responses import KmsResponse

    DynamoDBBackend.transact_write_items = transact_write_items
    stock_sign = KmsResponse.sign
    KmsResponse.sign = lambda self: kms_sign(self, stock_sign)


def kms_sign(response, stock_sign):
    """KMS Sign with MessageType=DIGEST on an ECDSA key: the digest signed as it is, as KMS does."""
    import base64
    import json

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, utils as asymmetric
    from moto.kms.exceptions import ValidationException
    from moto.kms.utils import ECDSAPrivateKey

    if response._get_param("MessageType") != "DIGEST":
        return stock_sign(response)
    key_id = response._get_param("KeyId")
    response._validate_key_id(key_id)
    key = response.kms_backend.describe_key(key_id)
    if not isinstance(key.private_key, ECDSAPrivateKey):
        return stock_sign(response)
    algorithm = response._get_param("SigningAlgorithm")
    digests = {"ECDSA_SHA_256": hashes.SHA256(), "ECDSA_SHA_384": hashes.SHA384(), "ECDSA_SHA_512": hashes.SHA512()}
    if algorithm not in key.private_key.valid_signing_algorithms:
        raise ValidationException(
            f"1 validation error detected: Value '{algorithm}' at 'SigningAlgorithm' failed to satisfy constraint: "
            f"Member must satisfy enum value set: {key.private_key.valid_signing_algorithms}"
        )
    digest = response._get_param("Message")
    if isinstance(digest, str):
        digest = digest.encode("utf-8")
    if len(digest) != digests[algorithm].digest_size:
        raise ValidationException(f"Digest is invalid length for algorithm {algorithm}.")
    signature = key.private_key.private_key.sign(digest, ec.ECDSA(asymmetric.Prehashed(digests[algorithm])))
    return json.dumps({"KeyId": key.arn, "Signature": base64.b64encode(signature).decode("utf-8"), "SigningAlgorithm": algorithm})


class _Snapshot:
    """The items a transaction touched, as they were before it touched them."""

    def __init__(self) -> None:
        self.items: list = []  # (container, key, old Item or None, position or None, bucket state)
        self.streams: dict = {}  # id(shard) -> (shard, number of records before)

    def remember(self, backend, table_name: str, key: dict, op_type: str) -> None:
        # Same look-ups, and so the same exceptions at the same point, as the
        # backend.get_item(table_name, key) that moto's loop calls next.
        table = backend.get_table(table_name)
        hash_key, range_key = backend.get_keys_value(table, key)
        if range_key:
            # Table.get_item reads table.items[hash][range] on a defaultdict, so
            # even a read leaves an empty bucket behind: remember whether it existed.
            bucket_existed = hash_key in table.items
            container = table.items[hash_key]
            self.items.append((table.items, hash_key, None, None, bucket_existed))
        else:
            container = table.items
        old = container.get(range_key if range_key else hash_key)
        # A Delete takes the item out of its dict; remember its place so that a
        # rollback puts it back where it was (Scan returns items in dict order).
        deletes = op_type == "Delete" and old is not None
        position = list(container).index(range_key or hash_key) if deletes else None
        self.items.append((container, range_key or hash_key, copy.deepcopy(old), position, None))
        shard = table.stream_shard
        if shard is not None and id(shard) not in self.streams:
            self.streams[id(shard)] = (shard, len(shard.items))

    def restore(self) -> None:
        for container, key, old, position, bucket_existed in reversed(self.items):
            if bucket_existed is not None:  # a range table's bucket: drop it if we created it
                if not bucket_existed and not container.get(key):
                    container.pop(key, None)
            elif old is None:
                container.pop(key, None)
            elif key in container:  # Put and Update keep the key's place in the dict
                container[key] = old
            else:
                entries = list(container.items())
                entries.insert(position, (key, old))
                container.clear()
                container.update(entries)
        # Stream records written by the failed transaction are discarded, as the
        # whole-table restore discarded them.
        for shard, count in self.streams.values():
            del shard.items[count:]


def transact_write_items(self, transact_items: list) -> None:
    """moto 5.2.1's DynamoDBBackend.transact_write_items, with the backup of whole
    tables replaced by a _Snapshot of the touched items.  Lines marked PATCH differ."""
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    snapshot = _Snapshot()  # PATCH: instead of deep-copying every table named

    target_items: set = set()

    def check_unicity(table_name: str, key: dict) -> None:
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors: list = []  # [(Code, Message, Item), ..]
    for item in transact_items:
        original_item = None
        # Check transact writes are not performing multiple operations on the same item
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException

        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")

            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            expression_attribute_names = op.get("ExpressionAttributeNames")
            expression_attribute_values = op.get("ExpressionAttributeValues")
            return_values_on_condition_check_failure = op.get(
                "ReturnValuesOnConditionCheckFailure"
            )

            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]

            check_unicity(table_name, key)

            snapshot.remember(self, table_name, key, op_type)  # PATCH: before anything changes it
            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = get_filter_expression(
                    condition_expression,
                    expression_attribute_names,
                    expression_attribute_values,
                )
                if not condition_op.expr(current):
                    if return_values_on_condition_check_failure == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)

            if op_type == "Put":
                attrs = op["Item"]
                self.put_item(
                    table_name,
                    attrs,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            elif op_type == "Delete":
                self.delete_item(
                    table_name,
                    key,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            elif op_type == "Update":
                update_expression = op["UpdateExpression"]
                self.update_item(
                    table_name,
                    key,
                    update_expression=update_expression,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            # Rollback to the original state, and reraise the error
            snapshot.restore()  # PATCH
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: E722 Do not use bare except
            # For other exceptions, capture their details
            errors.append((type(e).__name__, str(e), original_item))

    if any(code is not None for code, _, _ in errors):
        # Rollback to the original state, and reraise the errors
        snapshot.restore()  # PATCH
        raise TransactionCanceledException(errors)
