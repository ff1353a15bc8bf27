package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.segment.ChurnRisk.Assessment;
import dev.retention.segment.ChurnRisk.Level;
import dev.retention.segment.ChurnRisk.Reason;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.TransactionLog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChurnRiskTest {
  private final ChurnRisk rules = ChurnRisk.defaults();

  private void check(RiskSignals s, Level level, Reason... reasons) {
    Assessment a = rules.assess(s);
    assertEquals(level, a.level(), s.toString());
    Set<Reason> want = reasons.length == 0 ? EnumSet.noneOf(Reason.class)
        : EnumSet.of(reasons[0], reasons);
    assertEquals(want, a.reasons(), s.toString());
  }

  @Test
  void noSignalsIsGreen() {
    check(RiskSignals.of("a"), Level.GREEN);
    check(RiskSignals.of("a").withDaysInactive(29).withOpenIssues(0).withSeriousComplaints(0)
        .withNps(7).withCsat(4).withPAlive(0.6), Level.GREEN);
  }

  @Test
  void inactivityThresholdsAreInclusive() {
    // defaults: 30 days -> AMBER, 60 -> RED (the issue's suggestion)
    check(RiskSignals.of("a").withDaysInactive(30), Level.AMBER, Reason.INACTIVITY);
    check(RiskSignals.of("a").withDaysInactive(59), Level.AMBER, Reason.INACTIVITY);
    check(RiskSignals.of("a").withDaysInactive(60), Level.RED, Reason.LONG_INACTIVITY);
  }

  @Test
  void complaintsAndIssues() {
    check(RiskSignals.of("a").withSeriousComplaints(1), Level.RED, Reason.SERIOUS_COMPLAINT);
    check(RiskSignals.of("a").withOpenIssues(2), Level.AMBER, Reason.OPEN_ISSUES);
  }

  @Test
  void surveyScores() {
    check(RiskSignals.of("a").withNps(4), Level.RED, Reason.NPS_DISSATISFIED);
    check(RiskSignals.of("a").withNps(5), Level.AMBER, Reason.NPS_DETRACTOR);
    check(RiskSignals.of("a").withNps(6), Level.AMBER, Reason.NPS_DETRACTOR);
    check(RiskSignals.of("a").withNps(7), Level.GREEN);
    check(RiskSignals.of("a").withCsat(2), Level.RED, Reason.CSAT_DISSATISFIED);
    check(RiskSignals.of("a").withCsat(3), Level.AMBER, Reason.CSAT_NEUTRAL);
  }

  @Test
  void pAliveThresholdsAreExclusive() {
    check(RiskSignals.of("a").withPAlive(0.29), Level.RED, Reason.LOW_P_ALIVE);
    check(RiskSignals.of("a").withPAlive(0.3), Level.AMBER, Reason.FALLING_P_ALIVE);
    check(RiskSignals.of("a").withPAlive(0.6), Level.GREEN);
  }

  @Test
  void allFiredReasonsAreReportedAndTheWorstWins() {
    check(RiskSignals.of("a").withDaysInactive(45).withOpenIssues(1).withNps(2),
        Level.RED, Reason.INACTIVITY, Reason.OPEN_ISSUES, Reason.NPS_DISSATISFIED);
  }

  @Test
  void configurableThresholds() {
    ChurnRisk strict = rules.withInactivityDays(7, 14).withNps(8, 6);
    assertEquals(Level.RED, strict.assess(RiskSignals.of("a").withDaysInactive(14)).level());
    assertEquals(EnumSet.of(Reason.NPS_DETRACTOR),
        strict.assess(RiskSignals.of("a").withNps(8)).reasons());
    assertThrows(IllegalArgumentException.class, () -> rules.withInactivityDays(60, 30));
    assertThrows(IllegalArgumentException.class, () -> RiskSignals.of("a").withNps(11));
    assertThrows(IllegalArgumentException.class, () -> RiskSignals.of("a").withPAlive(1.5));
  }

  @Test
  void signalsFromPurchasesAndSurveys() {
    ZoneOffset z = ZoneOffset.UTC;
    LocalDate d = LocalDate.of(2024, 6, 30);
    TransactionLog log = TransactionLog.builder(Currency.getInstance("USD"), z)
        .purchase("a", d.minusDays(40), 100)
        .purchase("b", d.minusDays(5), 100)
        .purchase("b", d.plusDays(3), 100) // after the as-of day
        .build();
    Instant t1 = d.minusDays(20).atStartOfDay(z).toInstant();
    Instant t2 = d.minusDays(2).atStartOfDay(z).toInstant();
    Instant late = d.plusDays(1).atStartOfDay(z).toInstant(); // first second after as-of day
    Map<String, RiskSignals> m = ChurnRisk.signalsFrom(log, d, List.of(
        SurveyResponse.of("a", t1, SurveyKind.NPS, 3),
        SurveyResponse.of("a", t2, SurveyKind.NPS, 9), // latest wins
        SurveyResponse.of("a", t1, SurveyKind.CSAT, 4),
        SurveyResponse.of("a", t1, SurveyKind.CSAT, 2), // same time: lower wins
        SurveyResponse.of("b", late, SurveyKind.NPS, 0), // after as-of: ignored
        SurveyResponse.of("c", t1, SurveyKind.NPS, 0))); // no purchase: ignored
    assertEquals(List.of("a", "b"), List.copyOf(m.keySet()));
    RiskSignals a = m.get("a");
    assertEquals(40, a.daysInactive().getAsInt());
    assertEquals(9, a.nps().getAsInt());
    assertEquals(2, a.csat().getAsInt());
    // a: 40 days -> INACTIVITY (amber), CSAT 2 -> CSAT_DISSATISFIED (red)
    check(a, Level.RED, Reason.INACTIVITY, Reason.CSAT_DISSATISFIED);
    check(m.get("b"), Level.GREEN);
    Segmentation s = rules.assessAll(d, m.values());
    assertEquals(1, s.count("RED"));
  }

  @Test
  void assessAllGivesOneLightPerCustomerWithExplanations() {
    Segmentation s = rules.assessAll(LocalDate.of(2024, 1, 1), List.of(
        RiskSignals.of("a"), RiskSignals.of("b").withOpenIssues(1),
        RiskSignals.of("c").withSeriousComplaints(1)));
    assertEquals(List.of("GREEN", "AMBER", "RED"), s.segmentNames());
    assertEquals("GREEN", s.segment(0));
    assertEquals("AMBER", s.segment(1));
    assertEquals("RED", s.segment(2));
    assertTrue(s.explain(2).contains("SERIOUS_COMPLAINT"), s.explain(2));
    assertThrows(IllegalArgumentException.class, () -> rules.assessAll(LocalDate.of(2024, 1, 1),
        List.of(RiskSignals.of("a"), RiskSignals.of("a"))));
  }
}
