package dev.retention.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant T0 = Instant.parse("2024-01-05T10:00:00Z");

  private static void assertMessage(Runnable r, String... parts) {
    Exception e = assertThrows(RuntimeException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), () -> "message \"" + e.getMessage() + "\" lacks " + p);
    }
  }

  @Test
  void transactionRules() {
    assertMessage(() -> Transaction.purchase("o1", "c1", T0, -125, USD), "amountMinor", ">= 0", "-125", "PURCHASE");
    assertMessage(() -> Transaction.purchase("o1", " ", T0, 1, USD), "customerId", "blank");
    assertMessage(() -> Transaction.purchase(null, "c1", T0, 1, USD), "orderId");
    assertMessage(() -> Transaction.purchase("o1", "c1", T0, 1, "XYZ"), "currencyCode", "XYZ");
    assertMessage(() -> Transaction.refund("r1", "c1", T0, 0, USD, "o1"), "amountMinor", "> 0", "REFUND");
    assertMessage(() -> Transaction.refund("r1", "c1", T0, 5, USD, "r1"), "refundedOrderId", "same id");
    Transaction r = Transaction.refund("r1", "c1", T0, 500, USD, "o1");
    assertEquals(-500, r.signedAmountMinor());
    assertEquals("o1", r.refundedOrder().orElseThrow());
    assertEquals(700, Transaction.purchase("o2", "c1", T0, 700, "USD").signedAmountMinor());
  }

  @Test
  void otherValueTypes() {
    assertMessage(() -> SurveyResponse.of("c1", T0, SurveyKind.NPS, 11), "score", "[0, 10]", "11");
    assertMessage(() -> SurveyResponse.of("c1", T0, SurveyKind.CSAT, 0), "score", "[1, 5]", "0");
    assertMessage(() -> SurveyResponse.of("c1", T0, SurveyKind.CES, 8), "score", "[1, 7]", "8");
    assertEquals(7, SurveyResponse.of("c1", T0, SurveyKind.CES, 7).score());
    assertMessage(() -> RevenueSnapshot.of("c1", LocalDate.of(2024, 1, 1), -1, USD), "recurringRevenueMinor", "-1");
    assertMessage(() -> ActivityEvent.of("c1", T0, ""), "type", "blank");
    assertMessage(() -> Customer.of("c1", null, Map.of("plan", " ")), "attribute \"plan\"", "blank");
    Customer c = Customer.of("c1", T0, Map.of("plan", "pro"));
    assertEquals("pro", c.attribute("plan").orElseThrow());
    assertEquals(T0, c.acquisition().orElseThrow());
  }
}
