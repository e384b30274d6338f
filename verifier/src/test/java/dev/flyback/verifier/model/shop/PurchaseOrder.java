package dev.flyback.verifier.model.shop;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A test model: an order, numbered from a sequence, with a PostgreSQL enum, a foreign key and its index. */
@Entity
@Table(name = "purchase_orders", indexes = @Index(name = "ix_purchase_orders_customer_id", columnList = "customer_id"))
public class PurchaseOrder {
    /** Hibernate's PostgreSQL enum for it is {@code orderstatus}. */
    public enum OrderStatus {
        open, paid, shipped
    }

    @Id
    @GeneratedValue
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id", foreignKey = @ForeignKey(name = "purchase_orders_customer_id_fkey"))
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(nullable = false)
    private OrderStatus status;

    @Column(precision = 10, scale = 2, nullable = false)
    private BigDecimal total;

    @Column(name = "placed_at")
    private OffsetDateTime placedAt;
}
